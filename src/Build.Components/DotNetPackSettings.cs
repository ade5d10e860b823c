using Nuke.Common;
using Nuke.Common.IO;

namespace Nuke.Components;

/// <summary>What Pack passes to <c>dotnet pack</c>; adjust it through <see cref="IPack.PackSettings"/>.</summary>
/// <param name="Project">A solution (packs every project with IsPackable true) or one project.</param>
/// <param name="Properties">MSBuild properties as <c>-p:Name=Value</c> arguments (by default the GitVersion version).</param>
public sealed record DotNetPackSettings(AbsolutePath Project, string Configuration, AbsolutePath OutputDirectory, IReadOnlyList<string> Properties)
{
    /// <summary>Packs what Compile built (same configuration and version) instead of building again.</summary>
    public bool NoBuild { get; init; } = true;
}
