using GitLabRelease.Components;
using Nuke.Common;
using Nuke.Common.CI.GitLab;
using Nuke.Components;

/// <summary>
/// The release build, composed from the components: Restore, Compile, Test and Pack, and on a green default-branch
/// pipeline Tag (GitVersion's version, pushed with the deploy key or the job token). Change the attribute or the
/// targets, then run ./build.sh --generate-configuration. Docs: adopting.md in the docs of GitLabRelease.
/// </summary>
[GitLabCI(
    Image = "mcr.microsoft.com/dotnet/sdk:10.0",
    CompileTargets = [nameof(ICompile.Compile)],
    TestTargets = [nameof(ITest.Test)],
    ReleaseTargets = [nameof(IGitLabRelease.Tag)])]
class Build : NukeBuild, IRestore, ICompile, ITest, IPack, IDeployKey, IGitLabRelease
{
    public static int Main() => Execute<Build>(x => ((ICompile)x).Compile);
}
