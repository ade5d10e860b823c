using Nuke.Common;
using Nuke.Common.Tooling;
using GitLabRelease.Git;
using Serilog;

namespace GitLabRelease.Preflight;

/// <summary>
/// Whether a transport may push the release tag: <c>git push --dry-run</c> of the commit as <c>refs/tags/TAG</c>
/// through the transport's connection. GitLab checks push access when receive-pack starts (a job-token push the
/// project does not allow is a 403 there), so that fails here; protected-tag rules run only on a real push.
/// Nothing is created, changed or pushed.
/// </summary>
public sealed class PushAccessPreflight(ToolRunner runner, ILogger logger)
{
    public async Task<PreflightCheck> CheckAsync(
        string checkName, string repositoryDirectory, string tagName, IPushTransport transport, string? commit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transport);
        var git = new GitCli(runner, repositoryDirectory);
        IPushConnection connection;
        try
        {
            connection = await transport.ConnectAsync(runner, cancellationToken);
        }
        catch (BuildException e)
        {
            return PreflightCheck.Fail(checkName, e.Message, e.Fix);
        }

        await using (connection)
        {
            var revision = string.IsNullOrWhiteSpace(commit) ? "HEAD" : commit.Trim();
            var sha = await git.ResolveCommitAsync(revision, cancellationToken);
            if (sha is null)
                return PreflightCheck.Fail(checkName, $"Commit '{revision}' is not in {repositoryDirectory}.", "Run Preflight in a clone that has the commit.");

            logger.Debug("Dry-run push of {Commit} as {Tag} to {Remote}", sha, tagName, connection.Description);
            var result = await git.RunAsync(["push", "--dry-run", "--no-verify", "--porcelain", "--end-of-options", connection.RemoteUrl, $"{sha}:refs/tags/{tagName}"],
                cancellationToken, connection.Environment, logOutput: true, timeout: TimeSpan.FromMinutes(2));
            if (result.Succeeded)
                return PreflightCheck.Pass(checkName,
                    $"{connection.Description} may push to {connection.RemoteUrl} (dry run; protected-tag rules are applied only to a real push).");

            var failure = connection.Classify(result.StandardError + "\n" + result.StandardOutput, tagName);
            if (failure.Kind == PushFailureKind.TagRejected)
            {
                var lookup = await git.LookupRemoteTagAsync(connection.RemoteUrl, tagName, connection.Environment, TimeSpan.FromMinutes(1), cancellationToken);
                if (lookup.Succeeded && lookup.Commit == sha)
                    return PreflightCheck.Pass(checkName, $"Tag {tagName} is already on the remote at {sha}; {connection.Description} reached the repository.");
                if (lookup.Succeeded && lookup.Commit is { } other)
                {
                    var conflict = TagConflict.Create(tagName, "on the remote", other, sha);
                    return PreflightCheck.Fail(checkName, conflict.Message, conflict.Fix);
                }
            }
            return PreflightCheck.Fail(checkName, failure.Cause, failure.Fix);
        }
    }
}
