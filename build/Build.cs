using GitLabRelease.Components;
using Nuke.Common;
using Nuke.Common.CI.GitLab;
using Nuke.Components;

/// <summary>This repository's build: the release flow composed from Nuke.Components (docs/adopting.md).</summary>
[GitLabCI(
    Image = "mcr.microsoft.com/dotnet/sdk:10.0",
    CompileTargets = [nameof(ICompile.Compile)],
    TestTargets = [nameof(ITest.Test)],
    TestShards = 2,
    ReleaseTargets = [nameof(IGitLabRelease.Tag)],
    IdTokenAudience = "https://gitlab.com")]
class Build : NukeBuild, IRestore, ICompile, ITest, IPack, IDeployKey, IGitLabRelease
{
    public static int Main() => Execute<Build>(x => ((ICompile)x).Compile);
}
