using Nuke.Common.Tooling;

namespace GitLabRelease.Git;

/// <summary>Runs git in one repository with an environment that makes its messages parseable and never prompts.</summary>
internal sealed class GitCli(ToolRunner runner, string repositoryDirectory)
{
    // English messages (we classify stderr) and no interactive prompt (a CI job has nobody to answer it).
    private static readonly IReadOnlyDictionary<string, string?> BaseEnvironment = new Dictionary<string, string?>
    {
        ["LC_ALL"] = "C",
        ["LANGUAGE"] = null,
        ["GIT_TERMINAL_PROMPT"] = "0",
    };

    public string RepositoryDirectory { get; } = repositoryDirectory;

    public Task<ToolResult> RunAsync(
        IReadOnlyList<string> arguments,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? environment = null,
        bool logOutput = false,
        bool allowFailure = true,
        TimeSpan? timeout = null,
        string? standardInput = null)
    {
        var env = new Dictionary<string, string?>(BaseEnvironment);
        if (environment is not null)
            foreach (var (key, value) in environment) env[key] = value;
        return runner.RunAsync(new ToolInvocation("git", arguments)
        {
            WorkingDirectory = RepositoryDirectory,
            Environment = env,
            LogOutput = logOutput,
            AllowFailure = allowFailure,
            Timeout = timeout,
            StandardInput = standardInput,
        }, cancellationToken);
    }

    /// <summary>The commit a revision peels to, or null when it does not exist.</summary>
    public async Task<string?> ResolveCommitAsync(string revision, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"], cancellationToken);
        return result.Succeeded ? result.StandardOutput.Trim() : null;
    }

    public Task<string?> ResolveTagCommitAsync(string tagName, CancellationToken cancellationToken) =>
        ResolveCommitAsync("refs/tags/" + tagName, cancellationToken);

    /// <summary>
    /// The commit a tag on a remote peels to: null when the remote has no such tag. Annotated tags are
    /// advertised with a peeled <c>^{}</c> line; lightweight tags point at the commit directly.
    /// </summary>
    public async Task<RemoteTagLookup> LookupRemoteTagAsync(
        string remote, string tagName, IReadOnlyDictionary<string, string?>? environment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var reference = "refs/tags/" + tagName;
        var result = await RunAsync(["ls-remote", "--tags", "--end-of-options", remote, reference, reference + "^{}"], cancellationToken, environment, timeout: timeout);
        if (!result.Succeeded) return new RemoteTagLookup(false, null, result.StandardError);
        string? direct = null, peeled = null;
        foreach (var line in result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('\t', 2);
            if (parts.Length != 2) continue;
            if (parts[1] == reference) direct = parts[0];
            else if (parts[1] == reference + "^{}") peeled = parts[0];
        }
        return new RemoteTagLookup(true, peeled ?? direct, result.StandardError);
    }
}

/// <summary>Result of <c>git ls-remote</c> for one tag: whether the remote answered, and the tag's commit.</summary>
internal sealed record RemoteTagLookup(bool Succeeded, string? Commit, string StandardError);
