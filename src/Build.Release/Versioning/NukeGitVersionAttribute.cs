using System.Reflection;
using Nuke.Common;
using GitLabRelease.Versioning;

namespace Nuke.Common.Tools.GitVersion;

/// <summary>
/// Nuke's <c>[GitVersion]</c>: injects <see cref="GitVersion"/> computed by the real GitVersion CLI through this
/// repository's runner (pipeline-aware, cached). It lives beside the runner, so the core stays free of it; its
/// options are Nuke's and accepted: <see cref="Framework"/> is moot (GitVersion runs on the build's runtime),
/// <see cref="NoFetch"/> is what the runner does anyway (it only deepens a shallow clone), <see cref="NoCache"/>
/// turns the result cache off.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class GitVersionAttribute : ValueInjectionAttributeBase
{
    public string? Framework { get; set; }
    public bool NoFetch { get; set; }
    public bool NoCache { get; set; }
    public bool DisableOnUnix { get; set; }
    public bool UpdateAssemblyInfo { get; set; }
    public bool UpdateBuildNumber { get; set; }

    public override async Task<object?> GetValueAsync(MemberInfo member, NukeBuild build, CancellationToken ct)
    {
        var request = GitVersionRequest.ForPipeline(((INukeBuild)build).RootDirectory, NoCache ? null : ((INukeBuild)build).TemporaryDirectory, build.Host.IsServerBuild, build.Host.GetPipeline(build.EnvironmentVariable), build.EnvironmentVariable);
        // A GitVersionInfo is a GitVersion: the same variables, parsed once.
        return await new GitVersionRunner(build.Log, build.Tools).GetVersionAsync(request, ct);
    }
}
