using Nuke.Common.Tooling;
using GitLabRelease.Git;
using GitLabRelease.Versioning;
using Fixtures.Git;
using Serilog.Core;

namespace Release.Tests.Versioning;

/// <summary>The cache's warm path reads ref files itself; it must see exactly what git sees.</summary>
public sealed class GitStateTests
{
    private static async Task AssertFilesMatchGit(GitRepo repo, string step)
    {
        var fromFiles = GitState.TryReadFiles(repo.Path);
        Assert.True(fromFiles is not null, $"{step}: the plain layout must be read from files");
        var fromGit = await GitState.ReadWithGitAsync(new GitCli(new ToolRunner(Logger.None), repo.Path), CancellationToken.None);

        Assert.Equal(fromGit.HeadSha, fromFiles.HeadSha);
        Assert.Equal(fromGit.HeadBranch, fromFiles.HeadBranch);
        Assert.Equal(fromGit.IsShallow, fromFiles.IsShallow);
        Assert.Equal(fromGit.TopLevel, fromFiles.TopLevel);
        // git resolves symbolic refs (origin/HEAD); the file reader keeps "ref: target".
        var resolved = fromFiles.Refs.ToDictionary(r => r.Key,
            r => r.Value.StartsWith("ref: ", StringComparison.Ordinal) ? fromFiles.Refs[r.Value[5..]] : r.Value);
        Assert.Equal(fromGit.Refs.OrderBy(r => r.Key), resolved.OrderBy(r => r.Key));
    }

    [Fact]
    public async Task File_read_matches_git_for_loose_packed_symbolic_and_annotated_refs()
    {
        using var origin = GitRepo.Init();
        origin.Commit("one");
        origin.Tag("v1.0.0", annotation: "annotated");
        origin.Commit("two");
        origin.Tag("v1.1.0");
        origin.CreateBranch("feature/a");
        origin.Commit("three");
        origin.Switch("main");

        using var clone = origin.Clone(depth: 1, branch: "feature/a"); // packed refs, origin/HEAD, shallow
        await AssertFilesMatchGit(clone, "fresh shallow clone");

        clone.Git("fetch", "-q", "--unshallow", "--tags");
        clone.Git("tag", "local-loose");
        clone.Git("tag", "-d", "v1.0.0");
        clone.Detach(clone.Head);
        await AssertFilesMatchGit(clone, "unshallowed, detached, loose tag added, packed tag deleted");

        clone.Git("pack-refs", "--all");
        clone.Switch("feature/a");
        await AssertFilesMatchGit(clone, "everything packed");
    }

    [Fact]
    public void Unusual_layouts_are_left_to_git()
    {
        using var repo = GitRepo.Init();
        Assert.Null(GitState.TryReadFiles(repo.Path)); // no commits: git reports it
        repo.Commit("one");
        var worktree = Path.Combine(GitRepo.NewTempDirectory("wt"), "tree");
        repo.Git("worktree", "add", "-q", "-b", "other", worktree);
        Assert.Null(GitState.TryReadFiles(worktree)); // .git is a file there
        Assert.NotNull(GitState.TryReadFiles(repo.Path));
        Directory.Delete(Path.GetDirectoryName(worktree)!, recursive: true);
    }
}
