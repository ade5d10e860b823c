namespace Fixtures.Git;

/// <summary>
/// A real git repository in a temp directory, driven through the git CLI. Commits are deterministic (fixed
/// author, dates advancing one minute per git call) so the same steps give the same SHAs. Dispose deletes it.
/// </summary>
public sealed class GitRepo : IDisposable
{
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly bool _ownsDirectory;
    private int _calls;

    private GitRepo(string path, bool ownsDirectory)
    {
        Path = path;
        _ownsDirectory = ownsDirectory;
    }

    public string Path { get; }

    /// <summary>A URL other clones can fetch from.</summary>
    public string Url => new Uri(Path).AbsoluteUri;

    public string Head => Git("rev-parse", "HEAD");

    /// <summary>The branch HEAD is on, or null when detached.</summary>
    public string? CurrentBranch
    {
        get
        {
            var (code, output, _) = TryGit("symbolic-ref", "-q", "--short", "HEAD");
            return code == 0 ? output : null;
        }
    }

    public static string NewTempDirectory(string prefix = "gitrepo")
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(path);
        return path;
    }

    public static GitRepo Init(string defaultBranch = "main", bool bare = false)
    {
        var repo = new GitRepo(NewTempDirectory(), ownsDirectory: true);
        repo.Git(bare ? ["init", "-q", "--bare", "-b", defaultBranch] : ["init", "-q", "-b", defaultBranch]);
        return repo;
    }

    /// <summary>
    /// Clones this repository (file:// URL, so <paramref name="depth"/> really makes a shallow clone);
    /// <paramref name="noTags"/> leaves the tags behind, like another pipeline's checkout made before they were fetched.
    /// </summary>
    public GitRepo Clone(int? depth = null, string? branch = null, bool noCheckout = false, bool noTags = false)
    {
        var target = NewTempDirectory("gitclone");
        var args = new List<string> { "clone", "-q" };
        if (depth is { } d) args.AddRange(["--depth", d.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (branch is not null) args.AddRange(["--branch", branch]);
        if (noCheckout) args.Add("--no-checkout");
        if (noTags) args.Add("--no-tags");
        args.AddRange([Url, target]);
        Run(System.IO.Path.GetTempPath(), args);
        return new GitRepo(target, ownsDirectory: true);
    }

    /// <summary>
    /// A clone of the committed state of the repository at <paramref name="path"/> (any work tree, such as the source
    /// tree these tests were built from: its HEAD, not its uncommitted edits), with its whole history.
    /// </summary>
    public static GitRepo CloneOf(string path)
    {
        var target = NewTempDirectory("gitclone");
        var repo = new GitRepo(target, ownsDirectory: true);
        repo.Run(System.IO.Path.GetTempPath(), ["clone", "-q", "--no-hardlinks", path, target]);
        return repo;
    }

    /// <summary>An empty commit (or one writing <paramref name="file"/>); returns its SHA.</summary>
    public string Commit(string message, string? file = null, string? content = null)
    {
        if (file is not null)
        {
            var full = System.IO.Path.Combine(Path, file);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content ?? message);
            Git("add", "--", file);
            Git("commit", "-q", "-m", message);
        }
        else
        {
            Git("commit", "-q", "--allow-empty", "-m", message);
        }
        return Head;
    }

    public void Commits(int count, string prefix = "commit")
    {
        for (var i = 0; i < count; i++) Commit($"{prefix} {i + 1}");
    }

    public void Tag(string name, string? target = null, string? annotation = null)
    {
        var args = new List<string> { "tag" };
        if (annotation is not null) args.AddRange(["-a", "-m", annotation]);
        args.Add(name);
        if (target is not null) args.Add(target);
        Git(args.ToArray());
    }

    public void DeleteTag(string name) => Git("tag", "-d", name);

    /// <summary>Creates a branch at <paramref name="startPoint"/> (default HEAD) and switches to it.</summary>
    public void CreateBranch(string name, string? startPoint = null) =>
        Git(startPoint is null ? ["switch", "-q", "-c", name] : ["switch", "-q", "-c", name, startPoint]);

    public void Switch(string branch) => Git("switch", "-q", branch);

    /// <summary>Merges with a merge commit (never fast-forward), like a merged merge request.</summary>
    public string Merge(string branch, string? message = null)
    {
        Git("merge", "-q", "--no-ff", "-m", message ?? $"Merge branch '{branch}'", branch);
        return Head;
    }

    /// <summary>Detaches HEAD at <paramref name="commit"/>, as CI runners check out.</summary>
    public void Detach(string commit) => Git("checkout", "-q", "--detach", commit);

    public void WriteFile(string relativePath, string content) =>
        File.WriteAllText(System.IO.Path.Combine(Path, relativePath), content);

    /// <summary>Runs git in this repository and returns trimmed stdout; throws with stderr on failure.</summary>
    public string Git(params string[] args) => Run(Path, args);

    public (int ExitCode, string Output, string Error) TryGit(params string[] args) => Execute(Path, args);

    private string Run(string directory, IEnumerable<string> args)
    {
        var list = args.ToList();
        var (code, output, error) = Execute(directory, list);
        if (code != 0) throw new InvalidOperationException($"git {string.Join(' ', list)} failed ({code}): {error}");
        return output;
    }

    private (int, string, string) Execute(string directory, IEnumerable<string> args)
    {
        var date = Epoch.AddMinutes(_calls++).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        var environment = new Dictionary<string, string?>
        {
            ["GIT_AUTHOR_NAME"] = "Test", ["GIT_COMMITTER_NAME"] = "Test",
            ["GIT_AUTHOR_EMAIL"] = "test@example.invalid", ["GIT_COMMITTER_EMAIL"] = "test@example.invalid",
            ["GIT_AUTHOR_DATE"] = date, ["GIT_COMMITTER_DATE"] = date,
            ["GIT_CONFIG_GLOBAL"] = "/dev/null", ["GIT_CONFIG_NOSYSTEM"] = "1",
        };
        var result = Fixtures.Ssh.FixtureProcess.Run("git", args, directory, environment, check: false);
        return (result.ExitCode, result.StandardOutput.Trim(), result.StandardError.Trim());
    }

    public void Dispose()
    {
        if (!_ownsDirectory || !Directory.Exists(Path)) return;
        try
        {
            // git makes pack files read-only; clear that so the delete succeeds everywhere.
            foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
                File.SetAttributes(file, FileAttributes.Normal);
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process still holding a file must not fail the test that owned the repository.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
