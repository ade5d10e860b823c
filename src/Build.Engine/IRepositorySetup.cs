using System.Reflection;

namespace Nuke.Common;

/// <summary>
/// Implemented by a value-injection attribute whose value depends on a file it owns in the repository (the
/// <c>[GitVersion]</c> attribute and GitVersion.yml). Called on a local run when the build or its generated files
/// changed, the first run after adoption among them, beside the .gitignore lines and the CI files; never on a server.
/// </summary>
public interface IRepositorySetup
{
    /// <summary>Sets the file up, saying what it did; false when it could not yet (the next local run asks again).</summary>
    Task<bool> SetUpAsync(MemberInfo member, NukeBuild build, CancellationToken cancellationToken);
}
