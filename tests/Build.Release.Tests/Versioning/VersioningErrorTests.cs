using Nuke.Common;
using GitLabRelease.Versioning;
using Fixtures.Git;
using Serilog.Core;

namespace Release.Tests.Versioning;

public sealed class VersioningErrorTests
{
    private static Task<GitVersionInfo> Version(string directory) =>
        new GitVersionRunner(Logger.None).GetVersionAsync(new GitVersionRequest(directory));

    [Fact]
    public async Task Not_a_git_repository()
    {
        var directory = GitRepo.NewTempDirectory("nogit");
        try
        {
            var error = await Assert.ThrowsAsync<BuildException>(() => Version(directory));
            Assert.Contains("not a git repository", error.Message);
            Assert.NotNull(error.Fix);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Repository_without_commits()
    {
        using var repo = GitRepo.Init();
        var error = await Assert.ThrowsAsync<BuildException>(() => Version(repo.Path));
        Assert.Contains("no commits", error.Message);
        Assert.Contains("git commit", error.Fix);
    }

    [Fact]
    public async Task GitVersion_failure_reports_its_message_and_a_fix()
    {
        using var repo = GitRepo.Init();
        repo.Commit("Initial commit", "GitVersion.yml", "workflow: NoSuchWorkflow/v9\n");

        var error = await Assert.ThrowsAsync<BuildException>(() => Version(repo.Path));

        Assert.StartsWith("GitVersion failed", error.Message);
        Assert.Contains("NoSuchWorkflow", error.Message); // GitVersion's own words, not just an exit code
        Assert.Contains("GitVersion.yml", error.Fix);
    }

    [Fact]
    public void Missing_tool_names_the_restore_fix()
    {
        var empty = GitRepo.NewTempDirectory("nuget");
        try
        {
            var error = Assert.Throws<BuildException>(() =>
                GitVersionToolLocator.Locate(name => name == "NUGET_PACKAGES" ? empty : null));
            Assert.Contains(Path.Combine(empty, "gitversion.msbuild", "6.8.2"), error.Message);
            Assert.Contains("./build.sh Restore", error.Fix);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public void Tool_is_found_through_NUGET_PACKAGES_or_the_home_folder()
    {
        var real = GitVersionToolLocator.Locate(Environment.GetEnvironmentVariable);
        var packages = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(real)!, "..", "..", "..", ".."));
        Assert.Equal(real, GitVersionToolLocator.Locate(name => name == "NUGET_PACKAGES" ? packages : null));
        Assert.Equal(Path.Combine("/home/x", ".nuget", "packages"), GitVersionToolLocator.PackagesFolder(name => name == "HOME" ? "/home/x" : null));
    }
}
