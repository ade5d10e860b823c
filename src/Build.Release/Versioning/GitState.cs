using Build.Engine;
using Build.Engine.Tooling;

namespace Build.Release.Versioning;

/// <summary>
/// The repository facts the version depends on, read with two git processes (the cache's warm path):
/// <c>git rev-parse</c> and <c>git for-each-ref</c>, which reads loose and packed refs alike.
/// </summary>
internal sealed record GitState(
    string TopLevel,
    bool IsShallow,
    string HeadSha,
    string? HeadBranch,
    SortedDictionary<string, string> Refs)
{
    public bool IsDetached => HeadBranch is null;

    public IEnumerable<string> LocalBranchesAt(string sha) =>
        Refs.Where(r => r.Key.StartsWith("refs/heads/", StringComparison.Ordinal) && r.Value == sha)
            .Select(r => r.Key["refs/heads/".Length..]);

    public string? BranchSha(string branch) => Refs.GetValueOrDefault("refs/heads/" + branch);

    public static async Task<GitState> ReadAsync(Git git, string directory, CancellationToken ct)
    {
        if (!Directory.Exists(directory))
            throw new BuildException($"The repository directory {directory} does not exist.", "Pass the root of a git clone (--root).");

        // One process answers: where the repository is, whether it is shallow, HEAD's commit and HEAD's branch.
        // Both run at once: the warm path's latency is one process start, not two.
        var headTask = git.RunAsync(directory, ct, "rev-parse", "--show-toplevel", "--is-shallow-repository", "HEAD", "--symbolic-full-name", "HEAD");
        var refsTask = git.RunAsync(directory, ct, "for-each-ref", "--format=%(objectname) %(refname)");
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
        var refs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in refsResult.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var space = line.IndexOf(' ');
            if (space > 0) refs[line[(space + 1)..]] = line[..space];
        }

        var headBranch = lines[3].StartsWith("refs/heads/", StringComparison.Ordinal) ? lines[3]["refs/heads/".Length..] : null;
        return new GitState(lines[0], lines[1] == "true", lines[2], headBranch, refs);
    }
}
