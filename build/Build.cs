using Build.Engine;
using Build.Engine.DotNet;

// A namespace keeps the class name Build from hiding the engine's Build.* namespaces.
namespace BuildScript;

partial class Build : NukeBuild
{
    public static int Main() => Execute<Build>(x => x.Compile);

    [Parameter("Configuration to build: Debug (default locally) or Release (default on a server)")]
    readonly string Configuration = IsLocalBuild ? "Debug" : "Release";

    [Parameter("Solution to restore, build and test, relative to the root directory")]
    readonly AbsolutePath? Solution;

    AbsolutePath SolutionFile => Solution ?? RootDirectory / "App.sln";
    AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";
    DotNetCli DotNet => new(Tools, Log);
}
