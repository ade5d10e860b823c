using Fixtures.Git;

namespace Release.Tests.Git;

/// <summary>What the tag, push and SSH tests need on top of <see cref="GitRepo"/>.</summary>
internal static class Repositories
{
    /// <summary>A real repository in a temporary directory with one commit on main.</summary>
    public static GitRepo WithOneCommit()
    {
        var repository = GitRepo.Init();
        repository.Commit("initial");
        return repository;
    }

    /// <summary>The commit the tag peels to, or null when the repository has no such tag.</summary>
    public static string? TagCommit(this GitRepo repository, string tag)
    {
        var (code, output, _) = repository.TryGit("rev-parse", "--verify", "--quiet", $"refs/tags/{tag}^{{commit}}");
        return code == 0 ? output : null;
    }
}
