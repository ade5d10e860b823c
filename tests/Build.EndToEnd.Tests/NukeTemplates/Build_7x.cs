using System;
using System.Linq;
using Nuke.Common;
using Nuke.Common.CI;
using Nuke.Common.CI.GitHubActions;
using Nuke.Common.CI.GitLab;
using Nuke.Common.Execution;
using Nuke.Common.Git;
using Nuke.Common.IO;
using Nuke.Common.ProjectModel;
using Nuke.Common.Tooling;
using Nuke.Common.Tools.DotNet;
using Nuke.Common.Tools.GitVersion;
using Nuke.Common.Utilities.Collections;
using Serilog;
using static Nuke.Common.EnvironmentInfo;
using static Nuke.Common.Tools.DotNet.DotNetTasks;

// The 7.x-10.x style: AbsolutePath methods (CreateOrCleanDirectory, DeleteDirectories), Produces, hooks, a
// [GitHubActions] left over from GitHub, Solution.GetProject and the git facts in the package.
[GitHubActions("continuous", GitHubActionsImage.UbuntuLatest, On = new[] { GitHubActionsTrigger.Push }, InvokedTargets = new[] { nameof(Pack) })]
[ShutdownDotNetAfterServerBuild]
class Build_7x : NukeBuild
{
    public static int Main () => Execute<Build_7x>(x => x.Compile);

    [Parameter("Configuration to build - Default is 'Debug' (local) or 'Release' (server)")]
    readonly Configuration Configuration = IsLocalBuild ? Configuration.Debug : Configuration.Release;

    [Solution(GenerateProjects = false)] readonly Solution Solution;
    [GitRepository] readonly GitRepository GitRepository;
    [GitVersion] readonly GitVersion GitVersion;

    AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";

    protected override void OnBuildInitialized()
    {
        Log.Information("Initialized {Branch} {Host} {Projects}", GitRepository.Branch,
            Host is GitHubActions ? "github" : Host is GitLab ? $"gitlab pipeline {GitLab.Instance?.PipelineId}" : "other",
            string.Join(",", Solution.AllProjects.Select(p => p.Name)));
    }

    protected override void OnTargetSucceeded(string target) => Log.Information("Hook: {Target} succeeded", target);

    Target Clean => _ => _
        .Before(Restore)
        .Executes(() =>
        {
            RootDirectory.GlobDirectories("src/**/bin", "src/**/obj", "tests/**/bin", "tests/**/obj").DeleteDirectories();
            ArtifactsDirectory.CreateOrCleanDirectory();
        });

    Target Restore => _ => _
        .Executes(() =>
        {
            DotNetRestore(_ => _
                .SetProjectFile(Solution));
        });

    Target Compile => _ => _
        .DependsOn(Restore)
        .Executes(() =>
        {
            DotNetBuild(_ => _
                .SetProjectFile(Solution)
                .SetConfiguration(Configuration)
                .EnableNoRestore()
                .When(IsServerBuild, _ => _.EnableContinuousIntegrationBuild()));
        });

    Target Test => _ => _
        .DependsOn(Compile)
        .Executes(() =>
        {
            DotNetTest(_ => _
                .SetProjectFile(Solution.GetProject("App.Tests"))
                .SetConfiguration(Configuration)
                .EnableNoBuild()
                .AddLoggers("trx")
                .SetFilter("Category!=Slow")
                .SetBlameHangTimeout("10m")
                .SetBlameHangDumpType("mini"));
        });

    Target Pack => _ => _
        .DependsOn(Test)
        .Produces(ArtifactsDirectory / "*.nupkg")
        .Executes(() =>
        {
            Assert.True(GitRepository.IsOnMainBranch(), "packs only on main");
            DotNetPack(_ => _
                .SetProject(Solution.GetProject("App"))
                .SetConfiguration(Configuration)
                .SetVersion(GitVersion.NuGetVersionV2)
                .SetRepositoryUrl(GitRepository.HttpsUrl)
                .SetOutputDirectory(ArtifactsDirectory)
                .EnableNoBuild());
            (ArtifactsDirectory / "pack.done").WriteAllText(GitRepository.Commit);
        });
}
