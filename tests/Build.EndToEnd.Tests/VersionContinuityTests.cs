using System.Text.Json.Nodes;
using EndToEnd.Tests.Support;

namespace EndToEnd.Tests;

/// <summary>
/// Successive releases with TagPrefix=app-v: GitVersion sees the previous app-v tag, so versions increase; and an
/// older commit's pipeline that runs after a newer commit was released is superseded: Skipped, exit 0, nothing pushed.
/// </summary>
[Collection(RepositoryCollection.Name)]
public sealed class VersionContinuityTests(ReleaseFixture fixture)
{
    private static readonly string[] ReleaseJob = ["Tag", "--skip", "Restore", "Compile", "Test"];

    [Fact]
    public async Task Releases_with_a_custom_prefix_continue_and_an_older_pipeline_after_a_newer_release_is_superseded()
    {
        using var release = await fixture.CreateRepoAsync();
        var older = release.Repo.Head;
        release.Repo.Commit("fix: a newer change", "src.txt", "1");
        var newer = release.Repo.Head;
        release.Repo.Git("push", "-q", "origin", "main");

        var first = await Run(release, newer);
        Assert.True(first.Result.ExitCode == 0, first.Result.ToString());
        Assert.Equal(newer, fixture.Sshd.TagCommit(release.Project, "app-v" + first.SemVer));

        // The older commit's pipeline, held up in the resource group, runs last.
        release.Repo.Detach(older);
        var superseded = await Run(release, older);
        Assert.True(superseded.Result.ExitCode == 0, superseded.Result.ToString());
        Assert.Contains($"superseded by app-v{first.SemVer} on {newer}", superseded.Result.Output);
        Assert.Matches(@"Tag\s+Skipped", superseded.Result.Output);
        Assert.Matches(@"Push\s+Skipped", superseded.Result.Output);
        Assert.False(ReleaseRepo.DecryptedIn(superseded.Result.Output)); // nothing to push, so nothing decrypted
        Assert.Single(fixture.Sshd.Tags(release.Project));

        // The superseded run versioned the detached commit as main, moving the local branch as a runner's clone may.
        release.Repo.Git("checkout", "-q", "-B", "main", newer);
        release.Repo.Commit("feat: the next change", "src.txt", "2");
        release.Repo.Git("push", "-q", "origin", "main");
        var second = await Run(release, release.Repo.Head);
        Assert.True(second.Result.ExitCode == 0, second.Result.ToString());
        Assert.True(Version.Parse(second.SemVer.Split('-')[0]) > Version.Parse(first.SemVer.Split('-')[0]), $"{second.SemVer} after {first.SemVer}");
        Assert.Equal(release.Repo.Head, fixture.Sshd.TagCommit(release.Project, "app-v" + second.SemVer));
    }

    private static async Task<(BuildResult Result, string SemVer)> Run(ReleaseRepo release, string commit)
    {
        var pipeline = release.Pipeline();
        pipeline.Environment["CI_COMMIT_SHA"] = commit;
        pipeline.Environment["TAG_PREFIX"] = "app-v";
        var result = await pipeline.RunAsync(ReleaseJob);
        var versionFile = Path.Combine(release.Repo.Path, "artifacts", "version.json");
        var semVer = File.Exists(versionFile) ? (string?)JsonNode.Parse(File.ReadAllText(versionFile))!["SemVer"] ?? "" : "";
        return (result, semVer);
    }
}
