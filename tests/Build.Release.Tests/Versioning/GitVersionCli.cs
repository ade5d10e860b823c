using GitLabRelease.Versioning;
using Fixtures.Ssh;
using Fixtures.Git;

namespace Release.Tests.Versioning;

/// <summary>
/// The oracle: GitVersion's CLI run directly on an ordinary checkout (HEAD on a branch, no CI variables,
/// no cache). Every expected version in these tests comes from here.
/// </summary>
internal static class GitVersionCli
{
    private static readonly string[] AgentVariables = ["GITLAB_CI", "CI_COMMIT_REF_NAME", "CI_COMMIT_BRANCH", "CI_COMMIT_TAG", "CI_MERGE_REQUEST_REF_PATH", "GITHUB_ACTIONS", "TF_BUILD", "JENKINS_URL", "TEAMCITY_VERSION"];

    public static string ToolPath => GitVersionToolLocator.Locate(Environment.GetEnvironmentVariable);

    public static GitVersionInfo Run(GitRepo repo)
    {
        Assert.NotNull(repo.CurrentBranch); // an ordinary checkout: on a branch
        var result = FixtureProcess.Run("dotnet", [ToolPath, repo.Path, "/output", "json", "/nocache"], repo.Path,
            AgentVariables.ToDictionary(name => name, string? (_) => null), check: false, timeout: TimeSpan.FromMinutes(5));
        Assert.True(result.ExitCode == 0, $"GitVersion CLI failed: {result.StandardOutput}{result.StandardError}");
        return GitVersionInfo.Parse(result.StandardOutput);
    }

    /// <summary>The repository's own GitVersion.yml, so the tests check the configuration the build ships.</summary>
    public static string RepositoryConfig()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "GitVersion.yml");
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "App.sln"))) return File.ReadAllText(candidate);
        }
        throw new InvalidOperationException("GitVersion.yml not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A repository whose first commit holds the build's GitVersion.yml.</summary>
    public static GitRepo NewRepo()
    {
        var repo = GitRepo.Init();
        repo.Commit("Initial commit", "GitVersion.yml", RepositoryConfig());
        return repo;
    }
}
