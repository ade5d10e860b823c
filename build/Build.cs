using Build.Engine;
using Build.Engine.DotNet;
using Build.GitLab;

// A namespace keeps the class name Build from hiding the engine's Build.* namespaces.
namespace BuildScript;

[GitLabCI(
    Image = "mcr.microsoft.com/dotnet/sdk:10.0",
    CompileTargets = [nameof(Compile)],
    TestTargets = [nameof(Test)],
    ReleaseTargets = [nameof(Tag)],
    IdTokenAudience = "https://gitlab.com")]
partial class Build : NukeBuild
{
    public static int Main() => Execute<Build>(x => x.Compile);

    [Parameter("Configuration to build: Debug (default locally) or Release (default on a server)")]
    readonly string Configuration = IsLocalBuild ? "Debug" : "Release";

    [Parameter("Solution to restore, build and test, relative to the root directory")]
    readonly AbsolutePath? Solution;

    // A pushed release tag starts a tag pipeline; skipping the whole graph there is what stops a loop of pipelines.
    protected override string? SkipAllReason => GitLab.TagPipelineSkipReason;

    GitLabVariables GitLab => GitLabVariables.From(EnvironmentVariable);
    AbsolutePath SolutionFile => Solution ?? RootDirectory / "App.sln";
    AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";
    DotNetCli DotNet => new(Tools, Log);
}
