using Build.Tests.Fixtures.Ssh;

namespace Build.Release.Tests.Git;

/// <summary>A real working repository in a temporary directory, with commits made by the test.</summary>
public sealed class TestRepository : IDisposable
{
    private static readonly Dictionary<string, string?> Identity = new()
    {
        ["GIT_AUTHOR_NAME"] = "Dev", ["GIT_AUTHOR_EMAIL"] = "dev@example.invalid",
        ["GIT_COMMITTER_NAME"] = "Dev", ["GIT_COMMITTER_EMAIL"] = "dev@example.invalid",
    };

    private TestRepository(string path) => Path = path;

    public string Path { get; }

    public static TestRepository Create()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "repo-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(path);
        FixtureProcess.Git(path, "init", "--quiet", "--initial-branch=main");
        var repository = new TestRepository(path);
        repository.Commit("initial");
        return repository;
    }

    /// <summary>A second clone of the same history: another pipeline's checkout.</summary>
    public TestRepository Clone()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "repo-" + Guid.NewGuid().ToString("N")[..10]);
        FixtureProcess.Run("git", ["clone", "--quiet", "--no-tags", Path, path]);
        return new TestRepository(path);
    }

    public string Commit(string message)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, "file.txt"), message + Guid.NewGuid());
        FixtureProcess.Git(Path, "add", "-A");
        FixtureProcess.Run("git", ["commit", "--quiet", "-m", message], Path, Identity);
        return Head;
    }

    public string Head => FixtureProcess.Git(Path, "rev-parse", "HEAD").StandardOutput.Trim();

    public string? TagCommit(string tag)
    {
        var result = FixtureProcess.Run("git", ["rev-parse", "--verify", "--quiet", $"refs/tags/{tag}^{{commit}}"], Path, check: false);
        return result.ExitCode == 0 ? result.StandardOutput.Trim() : null;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
