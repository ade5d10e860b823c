using GitLabRelease.Versioning;
using Fixtures.Git;
using Serilog.Core;

namespace Release.Tests.Versioning;

/// <summary>Ordinary checkouts: the runner must report what GitVersion's CLI reports, under the build's GitVersion.yml.</summary>
public sealed class BranchVersioningTests
{
    private static async Task<GitVersionInfo> VersionOf(GitRepo repo, string step)
    {
        // On a branch, without a cache, the runner changes nothing in the repository: both can read it at once.
        var oracle = Task.Run(() => GitVersionCli.Run(repo));
        var ours = await new GitVersionRunner(Logger.None).GetVersionAsync(new GitVersionRequest(repo.Path));
        var cli = await oracle;
        Assert.True(cli.FullSemVer == ours.FullSemVer, $"{step}: CLI says {cli.FullSemVer}, runner says {ours.FullSemVer}");
        Assert.Equal(cli.InformationalVersion, ours.InformationalVersion);
        Assert.Equal(cli.AssemblySemVer, ours.AssemblySemVer);
        Assert.Equal(repo.Head, ours.Sha);
        return ours;
    }

    [Fact]
    public async Task Main_is_stable_and_follows_tags_and_semver_bumps()
    {
        using var repo = GitVersionCli.NewRepo();
        repo.Commit("work");
        repo.Tag("v1.0.0");
        repo.Commits(2);
        var afterTag = await VersionOf(repo, "two commits after v1.0.0");
        Assert.Equal("", afterTag.PreReleaseTag); // main gives a plain X.Y.Z
        Assert.Equal((1, 0), (afterTag.Major, afterTag.Minor));
        Assert.True(afterTag.Patch > 0, afterTag.SemVer);

        repo.Commit("Add search +semver: minor");
        var minor = await VersionOf(repo, "+semver: minor");
        Assert.Equal((1, 1, 0), (minor.Major, minor.Minor, minor.Patch));

        repo.Commit("Drop the old API +semver: major");
        var major = await VersionOf(repo, "+semver: major");
        Assert.Equal((2, 0, 0), (major.Major, major.Minor, major.Patch));
        Assert.Equal("", major.PreReleaseTag);

        repo.Tag("2.5.0"); // no "v" prefix
        var tagged = await VersionOf(repo, "tag 2.5.0 on HEAD");
        Assert.Equal("2.5.0", tagged.SemVer);
    }

    [Fact]
    public async Task Feature_branches_get_pre_releases_and_merges_return_to_stable()
    {
        using var repo = GitVersionCli.NewRepo();
        repo.Tag("v0.3.0");
        repo.Commit("main work");
        repo.CreateBranch("feature/login");
        repo.Commits(2, "login");
        var feature = await VersionOf(repo, "feature/login");
        Assert.NotEqual("", feature.PreReleaseLabel);
        Assert.Equal("feature/login", feature.BranchName);

        repo.Switch("main");
        repo.Merge("feature/login");
        var merged = await VersionOf(repo, "main after merging feature/login");
        Assert.Equal("", merged.PreReleaseTag);
        Assert.Equal("main", merged.BranchName);
    }
}
