using System.Text.RegularExpressions;
using Nuke.Common;
using Nuke.Common.Tooling;
using GitLabRelease.Git;
using Serilog;

namespace GitLabRelease.Versioning;

/// <summary>
/// Computes the version with the real GitVersion CLI, in a way that is right in GitLab pipelines:
/// a shallow clone is deepened first, a detached HEAD is versioned as the pipeline's branch without HEAD
/// leaving the pipeline's commit, and results are cached by everything they depend on.
/// </summary>
public sealed partial class GitVersionRunner(ILogger logger, ToolRunner? toolRunner = null)
{
    // Build agents GitVersion recognises. It must not detect one: its own normalisation would move HEAD,
    // and in this build's own test runs the outer pipeline's variables would leak into test repositories.
    private static readonly string[] BuildAgentVariables =
    [
        "GITLAB_CI", "CI_COMMIT_REF_NAME", "CI_COMMIT_BRANCH", "CI_COMMIT_TAG", "CI_MERGE_REQUEST_REF_PATH",
        "GITHUB_ACTIONS", "TF_BUILD", "JENKINS_URL", "TEAMCITY_VERSION", "APPVEYOR", "TRAVIS", "BUILDKITE",
        "BITBUCKET_WORKSPACE", "CODEBUILD_WEBHOOK_HEAD_REF", "DRONE", "ENVRUN_DATABASE", "JB_SPACE_PROJECT_KEY",
        "BuildRunner", "ContinuaCI.Version",
    ];

    private readonly ToolRunner _tools = toolRunner ?? new ToolRunner(logger);

    private GitCli Git(string directory) => new(_tools, directory);

    public async Task<GitVersionInfo> GetVersionAsync(GitVersionRequest request, CancellationToken ct = default)
    {
        var toolPath = request.ToolPath ?? GitVersionToolLocator.Locate(request.GetEnvironmentVariable);
        var directory = Path.GetFullPath(request.RepositoryDirectory);
        var state = await GitState.ReadAsync(_tools, directory, ct);

        if (state.IsShallow)
        {
            await UnshallowAsync(state.TopLevel, request.FetchTimeout, ct);
            state = await GitState.ReadAsync(_tools, directory, ct);
        }

        var branch = await ResolveBranchAsync(state, request, ct);
        if (branch is not null && state.BranchSha(branch) != state.HeadSha)
        {
            // Keep the key equal to what the next call will read back after the branch was created.
            state.Refs["refs/heads/" + branch] = state.HeadSha;
        }

        var cache = request.CacheDirectory is null ? null : new VersionCache(Path.Combine(request.CacheDirectory, "gitversion"));
        var key = VersionCache.ComputeKey(state, branch ?? state.HeadBranch, toolPath, request);
        if (cache?.TryRead(key) is { } cached)
        {
            try
            {
                var info = GitVersionInfo.Parse(cached);
                logger.Debug("GitVersion result taken from the cache ({Key})", key[..12]);
                return info;
            }
            catch (FormatException)
            {
                logger.Debug("Ignoring a corrupt GitVersion cache entry ({Key})", key[..12]);
            }
        }

        var json = await RunGitVersionAsync(toolPath, state, branch, request.TagPrefixPattern, ct);
        var result = GitVersionInfo.Parse(json);
        CheckTag(result, request);
        cache?.Write(key, result.RawJson);
        return result;
    }

    /// <summary>
    /// The branch a detached HEAD must be versioned as, or null when HEAD is on a branch already. Creates or
    /// moves the local branch to HEAD's commit in a pipeline; locally it never moves a user's branch.
    /// </summary>
    private async Task<string?> ResolveBranchAsync(GitState state, GitVersionRequest request, CancellationToken ct)
    {
        var commit = request.CommitSha;
        if (commit is not null && !state.HeadSha.StartsWith(commit, StringComparison.OrdinalIgnoreCase))
            throw new BuildException(
                $"HEAD is at {state.HeadSha[..12]} but the pipeline's commit ({CiVariables.CommitSha}) is {commit}; the version would describe another commit.",
                "Do not check out another commit in the job before the build runs (remove `git checkout`/`git pull` from the job script).");

        if (!state.IsDetached) return null;

        var pipelineBranch = request.PipelineBranch;
        if (pipelineBranch is null)
        {
            var candidates = state.LocalBranchesAt(state.HeadSha).ToList();
            if (candidates.Count == 1) return candidates[0];
            var why = candidates.Count == 0
                ? "no local branch points at it"
                : $"several local branches point at it ({string.Join(", ", candidates)})";
            throw new BuildException(
                $"HEAD is detached at {state.HeadSha[..12]} and {why}, so GitVersion cannot tell which branch's rules apply.",
                "Check out a branch (`git switch <branch>` or `git switch -c <new-branch>`), or in a pipeline set " +
                $"{CiVariables.CommitRefName} / {CiVariables.CommitBranch} to the branch being built.");
        }

        var existing = state.BranchSha(pipelineBranch);
        if (existing == state.HeadSha) return pipelineBranch;
        if (existing is not null && !request.IsServerBuild)
            throw new BuildException(
                $"HEAD is detached at {state.HeadSha[..12]}, to be versioned as branch '{pipelineBranch}', but your local '{pipelineBranch}' is at {existing[..12]}; the build will not move your branch.",
                $"Check out '{pipelineBranch}' at the commit to version, or unset {CiVariables.CommitRefName}/{CiVariables.CommitBranch} when building locally.");

        // `git branch -f` validates the name and never touches HEAD or the working tree.
        var created = await Git(state.TopLevel).RunAsync(["branch", "-f", "--no-track", "--end-of-options", pipelineBranch, state.HeadSha], ct);
        if (!created.Succeeded)
            throw new BuildException(
                $"Could not create the local branch '{pipelineBranch}' at {state.HeadSha[..12]} to version the detached HEAD: {ToolRunner.Tail(created.StandardError)}",
                $"Check that {CiVariables.CommitRefName} is a valid branch name and that no other worktree has that branch checked out.");
        logger.Debug("Local branch {Branch} set to {Sha} for GitVersion", pipelineBranch, state.HeadSha);
        return pipelineBranch;
    }

    private async Task UnshallowAsync(string directory, TimeSpan timeout, CancellationToken ct)
    {
        const string FullHistoryFix = "Clone the full history: in .gitlab-ci.yml set `variables: GIT_DEPTH: \"0\"` (or Settings > CI/CD > General pipelines > " +
            "Git shallow clone = 0), or run `git fetch --unshallow --tags` yourself.";
        logger.Information("The clone is shallow; fetching the full history and tags once so GitVersion sees every tag");
        ToolResult fetch;
        try
        {
            fetch = await Git(directory).RunAsync(["fetch", "--unshallow", "--tags"], ct, timeout: timeout);
        }
        catch (ToolTimedOutException)
        {
            throw new BuildException(
                $"The clone is shallow and fetching its full history did not finish within {timeout.TotalMinutes:0.#} min, so no version can be computed.",
                "Check that the runner reaches the repository's remote (git fetch hangs when the network stalls). " + FullHistoryFix);
        }
        if (fetch.Succeeded) return;
        throw new BuildException(
            $"The clone is shallow and fetching the full history failed, so the version would be computed from a partial history: {ToolRunner.Tail(fetch.StandardError, 5)}",
            FullHistoryFix);
    }

    /// <summary>
    /// Runs GitVersion with HEAD attached to <paramref name="branch"/> when HEAD was detached: GitVersion names a
    /// detached HEAD "(no branch)" whenever the remote-tracking branch differs, so it is attached for the run
    /// (same commit, working tree untouched) and detached again afterwards.
    /// </summary>
    private async Task<string> RunGitVersionAsync(string toolPath, GitState state, string? branch, string? tagPrefix, CancellationToken ct)
    {
        var attach = branch is not null && state.IsDetached;
        if (attach)
        {
            var attached = await Git(state.TopLevel).RunAsync(["symbolic-ref", "--end-of-options", "HEAD", "refs/heads/" + branch], ct);
            if (!attached.Succeeded) throw new BuildException($"Could not point HEAD at branch '{branch}': {ToolRunner.Tail(attached.StandardError)}");
        }

        ToolResult result;
        try
        {
            var environment = BuildAgentVariables.ToDictionary(name => name, string? (_) => null);
            string[] arguments = [toolPath, state.TopLevel, "/output", "json", "/nonormalize", "/nocache"];
            // The release tags' prefix is GitVersion's tag prefix: without it, tags like app-v1.2.3 are not versions to GitVersion.
            if (tagPrefix is not null) arguments = [.. arguments, "/overrideconfig", $"tag-prefix={tagPrefix}"];
            result = await _tools.RunAsync(new ToolInvocation("dotnet", arguments)
            {
                WorkingDirectory = state.TopLevel,
                Environment = environment,
                LogOutput = false,
                AllowFailure = true,
                Timeout = TimeSpan.FromMinutes(15),
            }, ct);
        }
        finally
        {
            if (attach)
            {
                // Detach at the same commit; CancellationToken.None because HEAD must be restored even when cancelled.
                var detached = await Git(state.TopLevel).RunAsync(["update-ref", "--no-deref", "HEAD", state.HeadSha], CancellationToken.None);
                if (!detached.Succeeded) logger.Warning("Could not detach HEAD again: {Error}", detached.StandardError.Trim());
            }
        }
        var json = ExtractJson(result.StandardOutput);
        if (result.Succeeded && json is not null) return json;
        throw Failure(result);
    }

    private static string? ExtractJson(string output)
    {
        var start = output.IndexOf('{');
        var end = output.LastIndexOf('}');
        return start >= 0 && end > start ? output[start..(end + 1)] : null;
    }

    private static BuildException Failure(ToolResult result)
    {
        var message = ErrorMessage(result.StandardOutput + "\n" + result.StandardError);
        var fix = message switch
        {
            _ when ConfigProblem().IsMatch(message) =>
                $"Fix GitVersion.yml at the repository root (see {Spelling.Docs("versioning", "Which version you get")}); `dotnet <gitversion.dll> /showconfig` shows what GitVersion reads.",
            _ when message.Contains("shallow", StringComparison.OrdinalIgnoreCase) =>
                "Fetch the full history: `git fetch --unshallow --tags`, or set GIT_DEPTH: \"0\" in .gitlab-ci.yml.",
            _ => "Run GitVersion with diagnostics to see why: `dotnet <gitversion.dll> . /diag /l console /nonormalize /nocache`.",
        };
        return new BuildException($"GitVersion failed (exit code {result.ExitCode}): {message}", fix);
    }

    /// <summary>GitVersion's own error text: the lines after "An (unexpected) error occurred:", without its stack trace or log lines.</summary>
    private static string ErrorMessage(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.TrimEntries);
        var start = Array.FindIndex(lines, l => l.Contains("error occurred:", StringComparison.Ordinal));
        var picked = (start >= 0 ? lines.Skip(start + 1) : lines)
            .Where(l => l.Length > 0)
            .TakeWhile(l => !l.StartsWith("at ", StringComparison.Ordinal) && !LogLine().IsMatch(l))
            .Take(5)
            .ToList();
        return picked.Count > 0 ? string.Join(Environment.NewLine, picked) : ToolRunner.Tail(output, 5);
    }

    private static void CheckTag(GitVersionInfo info, GitVersionRequest request)
    {
        if (request.Tag is not { Length: > 0 } tag) return;
        var prefix = request.TagPrefix is { Length: > 0 } p && p is not ("v" or "V") ? p : null;
        var tagVersion = prefix is not null
            ? tag.StartsWith(prefix, StringComparison.Ordinal) ? tag[prefix.Length..] : tag
            : TagPrefix().Replace(tag, "");
        if (string.Equals(tagVersion, info.SemVer, StringComparison.OrdinalIgnoreCase)
            || string.Equals(tagVersion, info.FullSemVer, StringComparison.OrdinalIgnoreCase)) return;
        throw new BuildException(
            $"This is a pipeline for tag '{tag}', but GitVersion computes {info.FullSemVer} for its commit, so the tag is not a version GitVersion recognises.",
            $"Name release tags TagPrefix + version ({request.TagPrefix ?? "v"}1.2.3), or exclude non-version tags from the release jobs.");
    }

    [GeneratedRegex("^[vV]")]
    private static partial Regex TagPrefix();

    [GeneratedRegex(@"^(INFO|WARN|ERROR|DEBUG|VERBOSE) \[")]
    private static partial Regex LogLine();

    [GeneratedRegex("config|yaml|yml|workflow", RegexOptions.IgnoreCase)]
    private static partial Regex ConfigProblem();
}
