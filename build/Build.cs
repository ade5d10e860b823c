using GitLabRelease.Components;
using Nuke.Common;
using Nuke.Common.CI.GitLab;
using Nuke.Components;

/// <summary>
/// This repository's build: the release flow composed from components (docs/adopting.md). One file per concern
/// shows the targets the flow is about, as Nuke's own build does: Build.Compile.cs (Compile, Test) and
/// Build.Release.cs (DecryptDeployKey, Tag, Push, Publish: this repository's four packages go to its GitLab NuGet registry).
/// </summary>
[GitLabCI(TestShards = 2)]
partial class Build : NukeBuild, IRestore, ICompile, ITest, IPack, IDeployKey, IGitLabRelease, IPublish
{
    public static int Main() => Execute<Build>(x => ((ICompile)x).Compile);
}
