using Build.Components;
using Build.Engine;
using Build.GitLab;

// A namespace keeps the class name Build from hiding the engine's Build.* namespaces.
namespace BuildScript;

/// <summary>This repository's build: the release flow composed from Build.Components (docs/adopting.md).</summary>
[GitLabCI(
    Image = "mcr.microsoft.com/dotnet/sdk:10.0",
    CompileTargets = [nameof(ICompile.Compile)],
    TestTargets = [nameof(ITest.Test)],
    ReleaseTargets = [nameof(IGitLabRelease.Tag)],
    IdTokenAudience = "https://gitlab.com")]
class Build : NukeBuild, IRestore, ICompile, ITest, IPack, IDeployKey, IGitLabRelease
{
    public static int Main() => Execute<Build>(x => ((ICompile)x).Compile);
}
