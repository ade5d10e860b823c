using Nuke.Common;
using Nuke.Common.Tooling;
using GitLabRelease.Git;

namespace GitLabRelease.Versioning;

/// <summary>
/// The repository facts the version depends on, read with two git processes (the cache's warm path):
/// <c>git rev-parse</c> and <c>git for-each-ref</c>, which reads loose and packed refs alike.
/// </summary>
internal sealed record GitState(
    string TopLevel,
    bool IsShallow,
    string HeadSha,
    string? HeadBranch,
    Dictionary<string, string> Refs)
{
    public bool IsDetached => HeadBranch is null;

    public IEnumerable<string> LocalBranchesAt(string sha) =>
        Refs.Where(r => r.Key.StartsWith("refs/heads/", StringComparison.Ordinal) && r.Value == sha)
            .Select(r => r.Key["refs/heads/".Length..]);

    public string? BranchSha(string branch) => Refs.GetValueOrDefault("refs/heads/" + branch);

    /// <summary>
    /// Reads the state from the ref files when the layout is the plain one (a <c>.git</c> directory with loose and
    /// packed refs), else through git. The file read starts no process, which keeps the cache's warm path fast.
    /// </summary>
    public static async Task<GitState> ReadAsync(ToolRunner tools, string directory, CancellationToken ct) =>
        TryReadFiles(directory) ?? await ReadWithGitAsync(new GitCli(tools, directory), ct);

    /// <summary>
    /// Null when anything is unusual (worktree, reftable, GIT_DIR, no commits, unreadable file): git then decides.
    /// Symbolic refs are kept as "ref: target"; their target is in the map too, so a change still changes the state.
    /// </summary>
    internal static GitState? TryReadFiles(string directory)
    {
        try
        {
            var gitDirectory = Path.Combine(directory, ".git");
            if (!Directory.Exists(gitDirectory) || Directory.Exists(Path.Combine(gitDirectory, "reftable"))
                || Environment.GetEnvironmentVariable("GIT_DIR") is not null || Environment.GetEnvironmentVariable("GIT_WORK_TREE") is not null
                || File.Exists(Path.Combine(gitDirectory, "commondir")))
                return null;

            var refs = new Dictionary<string, string>(StringComparer.Ordinal);
            var packed = Path.Combine(gitDirectory, "packed-refs");
            if (File.Exists(packed))
            {
                foreach (var line in File.ReadLines(packed))
                {
                    // "# pack-refs with: ..." header and "^<sha>" peeled lines of annotated tags carry no ref of their own.
                    if (line.Length == 0 || line[0] is '#' or '^') continue;
                    var space = line.IndexOf(' ');
                    if (space <= 0) return null;
                    refs[line[(space + 1)..].Trim()] = line[..space];
                }
            }

            var refsDirectory = Path.Combine(gitDirectory, "refs");
            foreach (var file in Directory.EnumerateFiles(refsDirectory, "*", SearchOption.AllDirectories))
            {
                if (file.EndsWith(".lock", StringComparison.Ordinal)) return null; // a ref is being written: let git decide
                var name = "refs/" + Path.GetRelativePath(refsDirectory, file).Replace('\\', '/');
                refs[name] = File.ReadAllText(file).Trim();
            }

            var head = File.ReadAllText(Path.Combine(gitDirectory, "HEAD")).Trim();
            string? headBranch = null;
            var headSha = head;
            if (head.StartsWith("ref: ", StringComparison.Ordinal))
            {
                var target = head[5..].Trim();
                if (!target.StartsWith("refs/heads/", StringComparison.Ordinal) || !refs.TryGetValue(target, out var sha)) return null;
                headBranch = target["refs/heads/".Length..];
                headSha = sha;
            }
            if (headSha.Length < 40 || !headSha.All(char.IsAsciiHexDigitLower)) return null;

            return new GitState(Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar), File.Exists(Path.Combine(gitDirectory, "shallow")),
                headSha, headBranch, refs);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    internal static async Task<GitState> ReadWithGitAsync(GitCli git, CancellationToken ct)
    {
        var directory = git.RepositoryDirectory;
        if (!Directory.Exists(directory))
            throw new BuildException($"The repository directory {directory} does not exist.", $"Pass the root of a git clone ({Spelling.Option("Root")}).");

        // One process answers: where the repository is, whether it is shallow, HEAD's commit and HEAD's branch.
        // Both run at once: the warm path's latency is one process start, not two.
        var headTask = git.RunAsync(["rev-parse", "--show-toplevel", "--is-shallow-repository", "HEAD", "--symbolic-full-name", "HEAD"], ct);
        var refsTask = git.RunAsync(["for-each-ref", "--format=%(objectname) %(refname)"], ct);
        await Task.WhenAll(headTask, refsTask);
        var head = headTask.Result;
        if (!head.Succeeded)
        {
            if (head.StandardError.Contains("not a git repository", StringComparison.OrdinalIgnoreCase))
                throw new BuildException($"{directory} is not a git repository, so there is no history to compute a version from.",
                    "Run the build inside a git clone (git clone <url>), or `git init` and commit first.");
            if (head.StandardError.Contains("must be run in a work tree", StringComparison.OrdinalIgnoreCase))
                throw new BuildException($"{directory} is a bare git repository; GitVersion needs a working tree.", "Run the build in a clone with a working tree.");
            throw new BuildException($"The repository in {directory} has no commits yet, so there is nothing to version.",
                "Make the first commit (git add -A && git commit -m \"Initial commit\").");
        }

        var lines = head.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length < 4)
            throw new BuildException($"git rev-parse printed unexpected output in {directory}: {head.StandardOutput.Trim()}");

        var refsResult = refsTask.Result;
        if (!refsResult.Succeeded) throw new BuildException($"git for-each-ref failed in {directory}: {ToolRunner.Tail(refsResult.StandardError)}");
        var refs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in refsResult.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var space = line.IndexOf(' ');
            if (space > 0) refs[line[(space + 1)..]] = line[..space];
        }

        var headBranch = lines[3].StartsWith("refs/heads/", StringComparison.Ordinal) ? lines[3]["refs/heads/".Length..] : null;
        return new GitState(lines[0], lines[1] == "true", lines[2], headBranch, refs);
    }
}
