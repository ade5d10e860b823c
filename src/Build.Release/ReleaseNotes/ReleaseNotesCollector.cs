using System.Text.RegularExpressions;
using GitLabRelease.Git;
using Nuke.Common;
using Nuke.Common.Tooling;
using Serilog;

namespace GitLabRelease.ReleaseNotes;

/// <summary>
/// Reads the commits since the previous release from git. Merge commits are not lines of their own: the merge
/// request reference in their <c>See merge request group/project!N</c> trailer goes onto the commits they brought in.
/// </summary>
public sealed partial class ReleaseNotesCollector(ToolRunner runner, ILogger logger)
{
    private const char FieldSeparator = '\u001f';
    private const char RecordSeparator = '\u001e';

    public async Task<ReleaseNotes> CollectAsync(ReleaseNotesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var git = new GitCli(runner, request.RepositoryDirectory);
        var revision = string.IsNullOrWhiteSpace(request.Commit) ? "HEAD" : request.Commit.Trim();
        var commit = await git.ResolveCommitAsync(revision, cancellationToken)
            ?? throw new BuildException($"Commit '{revision}' was not found in {request.RepositoryDirectory}.",
                "Fetch enough history for the release notes (GIT_DEPTH: 0).");

        var previous = await FindPreviousTagAsync(git, request, commit, cancellationToken);
        var range = previous is null ? commit : $"{previous}..{commit}";
        var log = await git.RunAsync(["log", "--topo-order", $"--format=%H{FieldSeparator}%P{FieldSeparator}%B{RecordSeparator}", "--end-of-options", range, "--"],
            cancellationToken);
        if (!log.Succeeded)
            throw new BuildException($"git log {range} failed: {ToolRunner.Tail(log.StandardError, 3)}", "Fetch enough history for the release notes (GIT_DEPTH: 0).");

        var commits = log.StandardOutput.Split(RecordSeparator)
            .Select(r => r.TrimStart('\n'))
            .Where(r => r.Length > 0)
            .Select(r => r.Split(FieldSeparator, 3))
            .Where(p => p.Length == 3)
            .Select(p => (Sha: p[0], Parents: p[1].Split(' ', StringSplitOptions.RemoveEmptyEntries), Message: p[2].TrimEnd()))
            .ToList();

        // The nearest merge (newest first in topological order) that brought a commit in names its merge request.
        var mergeRequests = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var merge in commits.Where(c => c.Parents.Length > 1))
        {
            if (MergeRequestOf(merge.Message) is not { } reference) continue;
            var brought = await git.RunAsync(["rev-list", "--end-of-options", $"{merge.Parents[0]}..{merge.Sha}"], cancellationToken);
            if (!brought.Succeeded) continue;
            foreach (var sha in brought.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                mergeRequests.TryAdd(sha, reference);
        }

        var entries = commits
            .Where(c => c.Parents.Length <= 1)
            .Select(c => new ReleaseNoteEntry(c.Sha, ConventionalCommit.Parse(c.Message),
                MergeRequestOf(c.Message) ?? mergeRequests.GetValueOrDefault(c.Sha)))
            .ToList();
        logger.Information("Release notes: {Count} commits since {Previous:l}", entries.Count, previous ?? "the first commit");
        return new ReleaseNotes(commit, previous, entries);
    }

    private static async Task<string?> FindPreviousTagAsync(GitCli git, ReleaseNotesRequest request, string commit, CancellationToken cancellationToken)
    {
        var result = await git.RunAsync(
            ["describe", "--tags", "--abbrev=0", "--match", request.TagPrefix + "[0-9]*", "--exclude", request.TagName, "--end-of-options", commit],
            cancellationToken);
        if (result.Succeeded) return result.StandardOutput.Trim();
        // "No names found" / "No tags can describe": this is the first release.
        if (result.StandardError.Contains("No names found", StringComparison.Ordinal) || result.StandardError.Contains("No tags can describe", StringComparison.Ordinal))
            return null;
        throw new BuildException($"Could not find the previous release tag: {ToolRunner.Tail(result.StandardError, 3)}",
            "Fetch the tags and enough history for the release notes (GIT_DEPTH: 0, GIT_FETCH_EXTRA_FLAGS: --tags).");
    }

    private static string? MergeRequestOf(string message) =>
        MergeRequestTrailer().Match(message) is { Success: true } match ? match.Groups["reference"].Value : null;

    [GeneratedRegex(@"^See merge request (?<reference>[\w.\-/]+![0-9]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex MergeRequestTrailer();
}
