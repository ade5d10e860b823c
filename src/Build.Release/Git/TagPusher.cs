using Nuke.Common;
using Nuke.Common.Tooling;
using Serilog;

namespace GitLabRelease.Git;

/// <summary>
/// Pushes one release tag through a transport (the deploy key over SSH, or the job token over HTTPS): only <c>refs/tags/TAG</c>, to the
/// transport's URL directly (origin is left alone), with <c>-o ci.skip</c>. Transient network failures are retried;
/// a tag the remote already has on the same commit (rerun or a racing pipeline) is a success.
/// </summary>
public sealed class TagPusher(ToolRunner runner, ILogger logger)
{
    public async Task<PushResult> PushAsync(PushRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var git = new GitCli(runner, request.RepositoryDirectory);
        var tag = request.TagName;
        var commit = await git.ResolveTagCommitAsync(tag, cancellationToken)
            ?? throw new BuildException($"Tag {tag} does not exist in {request.RepositoryDirectory}, so there is nothing to push.", "Run the Tag target first (Push depends on it).");

        await using var connection = await request.Transport.ConnectAsync(runner, cancellationToken);

        var arguments = new List<string> { "push", "--no-verify" };
        foreach (var option in request.PushOptions) arguments.AddRange(["--push-option", option]);
        arguments.AddRange(["--end-of-options", connection.RemoteUrl, $"refs/tags/{tag}:refs/tags/{tag}"]);

        var attempts = Math.Max(1, request.Retry.Attempts);
        for (var attempt = 1; ; attempt++)
        {
            logger.Information("Pushing tag {Tag} ({Commit}) to {Remote} (attempt {Attempt}/{Attempts})",
                tag, commit, connection.Description, attempt, attempts);
            ToolResult result;
            try
            {
                // git's stderr goes through the logger (and so through the host's secret masker).
                result = await git.RunAsync(arguments, cancellationToken, connection.Environment, logOutput: true, timeout: request.Timeout);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                logger.Warning("The build was cancelled while pushing tag {Tag} ({Commit}): the push may or may not have reached the remote. "
                    + "Rerunning the job is safe: a tag already on the remote at this commit counts as pushed, and nothing else is changed.", tag, commit);
                throw;
            }
            if (result.Succeeded)
            {
                var upToDate = result.StandardError.Contains("Everything up-to-date", StringComparison.Ordinal);
                var outcome = upToDate ? PushOutcome.AlreadyOnRemote : PushOutcome.Pushed;
                var pushed = new PushResult(tag, commit, outcome, attempt);
                logger.Information("{Summary}", pushed.Summary);
                return pushed;
            }

            var failure = connection.Classify(result.StandardError, tag);
            // A push that dies without a word (a dropped connection, a killed ssh) says nothing to classify: try again.
            if (string.IsNullOrWhiteSpace(result.StandardError))
                failure = failure with
                {
                    Cause = $"git push to {connection.Description} exited with code {result.ExitCode} without a message{(result.StandardOutput.Trim() is { Length: > 0 } stdout ? ": " + stdout : ".")}",
                    IsTransient = true,
                };
            // GitLab's hooks may also refuse a tag that a concurrent pipeline has just created.
            if (failure.Kind is PushFailureKind.TagRejected or PushFailureKind.ProtectedTag)
                return await ResolveRejectionAsync(git, connection, request, commit, failure, attempt, cancellationToken);
            if (!failure.IsTransient || attempt >= attempts)
                throw new BuildException(
                    failure.IsTransient ? $"{failure.Cause} Gave up after {attempt} attempts." : failure.Cause,
                    failure.Fix);

            var delay = request.Retry.DelayBefore(attempt + 1);
            logger.Warning("{Cause} Retrying in {Delay:0.#} s.", failure.Cause, delay.TotalSeconds);
            await Task.Delay(delay, cancellationToken);
        }
    }

    // A rejected create usually means the tag got there first: rerun, or another pipeline racing us.
    private async Task<PushResult> ResolveRejectionAsync(
        GitCli git, IPushConnection connection, PushRequest request, string commit, PushFailure failure, int attempt, CancellationToken cancellationToken)
    {
        var lookup = await git.LookupRemoteTagAsync(connection.RemoteUrl, request.TagName, connection.Environment, request.Timeout, cancellationToken);
        if (lookup.Succeeded && lookup.Commit == commit)
        {
            var result = new PushResult(request.TagName, commit, PushOutcome.AlreadyOnRemote, attempt);
            logger.Information("Tag {Tag} already exists on the remote on the same commit {Commit} (pushed by a rerun or a concurrent pipeline).", request.TagName, commit);
            return result;
        }
        if (lookup.Succeeded && lookup.Commit is { } other)
            throw TagConflict.Create(request.TagName, "on the remote", other, commit);
        throw new BuildException(failure.Cause, failure.Fix);
    }
}
