using System.Diagnostics;
using GitLabRelease.Versioning;
using Fixtures.Git;
using Xunit.Abstractions;

namespace Release.Tests.Versioning;

public sealed class VersionCacheTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _cache = GitRepo.NewTempDirectory("gvcache");
    private readonly LogCapture _log = new();

    private async Task<(GitVersionInfo Info, bool FromCache)> Version(GitRepo repo)
    {
        _log.Clear();
        var info = await new GitVersionRunner(_log.Logger).GetVersionAsync(new GitVersionRequest(repo.Path) { CacheDirectory = _cache });
        return (info, _log.Lines.Any(m => m.Contains("from the cache", StringComparison.Ordinal)));
    }

    private async Task<GitVersionInfo> AssertRecomputedAsCli(GitRepo repo, string step, Action change)
    {
        change();
        var (info, fromCache) = await Version(repo);
        Assert.False(fromCache, $"{step}: expected a recomputation, got a cache hit");
        AssertSameAsCli(repo, info, step);
        return info;
    }

    private static void AssertSameAsCli(GitRepo repo, GitVersionInfo info, string step) =>
        Assert.True(GitVersionCli.Run(repo).FullSemVer == info.FullSemVer, $"{step}: runner {info.FullSemVer} differs from the CLI");

    [Fact]
    public async Task Cache_is_hit_when_nothing_changed_and_missed_when_any_ref_changes()
    {
        using var repo = GitVersionCli.NewRepo();
        repo.Commits(3);

        var (cold, coldFromCache) = await Version(repo);
        Assert.False(coldFromCache);

        var watch = Stopwatch.StartNew();
        var (warm, warmFromCache) = await Version(repo);
        watch.Stop();
        output.WriteLine($"warm call: {watch.Elapsed.TotalMilliseconds:0.0} ms");
        Assert.True(warmFromCache);
        Assert.Equal(cold, warm);

        var tagged = await AssertRecomputedAsCli(repo, "tag added", () => repo.Tag("v4.0.0"));
        Assert.NotEqual(cold.FullSemVer, tagged.FullSemVer);

        // Deleting the tag returns to the first state: its cached answer is the right one again.
        repo.DeleteTag("v4.0.0");
        var (untagged, _) = await Version(repo);
        Assert.Equal(cold.FullSemVer, untagged.FullSemVer);

        // Packing moves every ref into packed-refs: same refs, same answer, so the cache stays valid...
        var packedTag = await AssertRecomputedAsCli(repo, "tag v5.0.0 added", () => repo.Tag("v5.0.0"));
        repo.Git("pack-refs", "--all");
        Assert.False(File.Exists(Path.Combine(repo.Path, ".git", "refs", "tags", "v5.0.0")));
        var (packed, packedFromCache) = await Version(repo);
        Assert.True(packedFromCache);
        Assert.Equal(packedTag, packed);

        // ...and deleting a tag that lives only in packed-refs is seen (GitVersion's own cache misses this).
        repo.DeleteTag("v5.0.0");
        var (deleted, _) = await Version(repo);
        Assert.NotEqual(packedTag.FullSemVer, deleted.FullSemVer);
        AssertSameAsCli(repo, deleted, "packed tag deleted");

        // A tag that only ever existed in packed-refs counts too.
        await AssertRecomputedAsCli(repo, "tag added and packed", () =>
        {
            repo.Tag("v6.0.0", "HEAD~1");
            repo.Git("pack-refs", "--all");
        });
    }

    [Fact]
    public async Task Cache_is_missed_when_the_configuration_or_HEAD_changes()
    {
        using var repo = GitVersionCli.NewRepo();
        repo.Tag("v1.0.0");
        repo.Commit("work");
        await Version(repo);

        repo.WriteFile("GitVersion.yml", GitVersionCli.RepositoryConfig() + "tag-prefix: '[rR]'\n");
        await AssertRecomputedAsCli(repo, "GitVersion.yml edited", () => { });

        await AssertRecomputedAsCli(repo, "new commit", () => repo.Commit("more work"));
    }

    public void Dispose()
    {
        try { Directory.Delete(_cache, recursive: true); } catch (IOException) { }
    }
}
