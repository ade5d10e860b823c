using Nuke.Common.Tooling;
using Serilog;

namespace GitLabRelease.Git;

/// <summary>A newer commit of the branch already carries a release tag: this pipeline's release would be older than the latest.</summary>
public sealed record Superseded(string Tag, string Commit)
{
    public string Reason => $"superseded by {Tag} on {Commit}";
}

/// <summary>
/// Whether the pipeline's commit is an ancestor of a commit that already carries a release tag (TagPrefix*). Pipelines
/// of two main commits may release out of order; the older one then has nothing to release (its changes are in the
/// newer release) and must not fail the branch on a tag conflict. The remote's tags are fetched into a private ref
/// namespace, so the clone's own tags are never changed, and removed afterwards.
/// </summary>
public sealed class SupersededCheck(ToolRunner runner, ILogger logger)
{
    private const string Namespace = "refs/gitlab-release-check/";

    public async Task<Superseded?> FindAsync(string repositoryDirectory, string commit, string tagPrefix, string? remote,
        IReadOnlyDictionary<string, string?>? remoteEnvironment = null, CancellationToken cancellationToken = default)
    {
        var git = new GitCli(runner, repositoryDirectory);
        var head = await git.ResolveCommitAsync(commit, cancellationToken) ?? commit;
        var patterns = new List<string> { $"refs/tags/{tagPrefix}*" };
        var fetched = false;
        try
        {
            if (remote is { Length: > 0 })
            {
                var fetch = await git.RunAsync(["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--end-of-options", remote,
                    $"+refs/tags/{tagPrefix}*:{Namespace}{tagPrefix}*"], cancellationToken, remoteEnvironment, timeout: TimeSpan.FromSeconds(60));
                fetched = true;
                if (fetch.Succeeded) patterns.Add($"{Namespace}{tagPrefix}*");
                else logger.Warning("Could not fetch the release tags of {Remote} to check for a newer release; only local tags are checked: {Error}",
                    remote, ToolRunner.Tail(fetch.StandardError, 3));
            }

            var list = await git.RunAsync(["for-each-ref", "--sort=-creatordate", "--contains", head,
                "--format=%(refname)%09%(objectname)%09%(*objectname)", .. patterns], cancellationToken);
            if (!list.Succeeded) return null;
            foreach (var line in list.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var fields = line.Split('\t');
                var tagged = fields.Length > 2 && fields[2].Length > 0 ? fields[2] : fields[1];
                if (string.Equals(tagged, head, StringComparison.OrdinalIgnoreCase)) continue; // this commit's own release: the tagger handles it
                var name = fields[0].StartsWith(Namespace, StringComparison.Ordinal) ? fields[0][Namespace.Length..] : fields[0]["refs/tags/".Length..];
                return new Superseded(name, tagged);
            }
            return null;
        }
        finally
        {
            if (fetched) await RemovePrivateRefsAsync(git, repositoryDirectory);
        }
    }

    private async Task RemovePrivateRefsAsync(GitCli git, string repositoryDirectory)
    {
        var refs = await git.RunAsync(["for-each-ref", "--format=%(refname)", Namespace], CancellationToken.None);
        if (!refs.Succeeded) return;
        var commands = string.Join("", refs.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(r => $"delete {r}\n"));
        if (commands.Length == 0) return;
        await runner.RunAsync(new ToolInvocation("git", ["update-ref", "--stdin"])
        {
            WorkingDirectory = repositoryDirectory, StandardInput = commands, LogOutput = false, AllowFailure = true,
        }, CancellationToken.None);
    }
}
