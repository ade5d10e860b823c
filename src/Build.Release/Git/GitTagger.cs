using Nuke.Common;
using Nuke.Common.Tooling;
using Serilog;

namespace GitLabRelease.Git;

/// <summary>
/// Creates the annotated release tag. Idempotent: the same tag on the same commit (locally or on the remote)
/// is a success, so a retried pipeline does not fail; the same tag on another commit is a conflict.
/// </summary>
public sealed class GitTagger(ToolRunner runner, ILogger logger)
{
    public async Task<TagResult> CreateTagAsync(TagRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var git = new GitCli(runner, request.RepositoryDirectory);
        var tag = request.TagName;

        var format = await git.RunAsync(["check-ref-format", "refs/tags/" + tag], cancellationToken);
        if (!format.Succeeded)
            throw new BuildException($"'{tag}' is not a valid git tag name.", $"Check TagPrefix ({Spelling.Parameter("TagPrefix")}) and the computed version.");

        var revision = string.IsNullOrWhiteSpace(request.Commit) ? "HEAD" : request.Commit.Trim();
        var commit = await git.ResolveCommitAsync(revision, cancellationToken)
            ?? throw new BuildException(
                $"Commit '{revision}' was not found in {request.RepositoryDirectory}.",
                $"Tag in a clone that contains the commit: check {CiVariables.CommitSha}, and fetch enough history (GIT_DEPTH / GIT_STRATEGY).");

        var local = await git.ResolveTagCommitAsync(tag, cancellationToken);
        if (local is not null)
        {
            if (local != commit) throw TagConflict.Create(tag, "locally", local, commit);
            logger.Information("Tag {Tag} already exists on {Commit}", tag, commit);
            return new TagResult(tag, commit, TagOutcome.AlreadyExistsLocally);
        }

        if (request.Remote is { Length: > 0 } remote)
        {
            var lookup = await git.LookupRemoteTagAsync(remote, tag, request.RemoteEnvironment, request.RemoteTimeout, cancellationToken);
            if (!lookup.Succeeded)
                logger.Warning("Could not look for tag {Tag} on {Remote}; the push checks again: {Error}", tag, remote, ToolRunner.Tail(lookup.StandardError, 3));
            else if (lookup.Commit is { } remoteCommit)
            {
                if (remoteCommit != commit) throw TagConflict.Create(tag, "on the remote", remoteCommit, commit);
                // Take the remote's tag object so the later push is a no-op; recreate it if the fetch fails.
                var fetch = await git.RunAsync(["fetch", "--no-tags", "--end-of-options", remote, $"refs/tags/{tag}:refs/tags/{tag}"],
                    cancellationToken, request.RemoteEnvironment, timeout: request.RemoteTimeout);
                if (!fetch.Succeeded) await CreateAsync(git, request, commit, cancellationToken);
                logger.Information("Tag {Tag} already exists on the remote on {Commit}", tag, commit);
                return new TagResult(tag, commit, TagOutcome.AlreadyExistsOnRemote);
            }
        }

        await CreateAsync(git, request, commit, cancellationToken);
        logger.Information("Created tag {Tag} on {Commit}", tag, commit);
        return new TagResult(tag, commit, TagOutcome.Created);
    }

    private static async Task CreateAsync(GitCli git, TagRequest request, string commit, CancellationToken cancellationToken)
    {
        // The tagger comes from the environment of this one call: the user's git config stays untouched.
        var tagger = request.Tagger ?? GitIdentity.Bot;
        var environment = new Dictionary<string, string?>
        {
            ["GIT_COMMITTER_NAME"] = tagger.Name,
            ["GIT_COMMITTER_EMAIL"] = tagger.Email,
            ["GIT_AUTHOR_NAME"] = tagger.Name,
            ["GIT_AUTHOR_EMAIL"] = tagger.Email,
        };
        // The message comes on stdin (the log shows arguments) and stays verbatim: the default cleanup drops '#' lines.
        var message = request.Message ?? $"Release {request.SemVer}";
        var result = await git.RunAsync(["tag", "--annotate", "--cleanup=verbatim", "--file", "-", "--end-of-options", request.TagName, commit],
            cancellationToken, environment, standardInput: message);
        if (result.Succeeded) return;

        // Another process may have created the tag between our check and now.
        var existing = await git.ResolveTagCommitAsync(request.TagName, cancellationToken);
        if (existing == commit) return;
        if (existing is not null) throw TagConflict.Create(request.TagName, "locally", existing, commit);
        throw new BuildException($"git tag {request.TagName} failed: {ToolRunner.Tail(result.StandardError, 5)}",
            "Check that the repository is writable and not locked by another git process.");
    }
}
