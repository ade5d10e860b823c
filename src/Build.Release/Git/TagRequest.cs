namespace GitLabRelease.Git;

/// <summary>What <see cref="GitTagger"/> should create: tag <see cref="TagName"/> (TagPrefix + SemVer) with <see cref="Message"/>.</summary>
public sealed record TagRequest(string RepositoryDirectory, string TagName, string SemVer)
{
    /// <summary>The commit to tag (CI_COMMIT_SHA); HEAD when null.</summary>
    public string? Commit { get; init; }

    /// <summary>The annotated tag's whole message (e.g. "Release X.Y.Z" and the release notes); "Release SemVer" when null.</summary>
    public string? Message { get; init; }

    /// <summary>The tagger (GITLAB_USER_NAME / GITLAB_USER_EMAIL); <see cref="GitIdentity.Bot"/> when null.</summary>
    public GitIdentity? Tagger { get; init; }

    /// <summary>
    /// A remote name or URL to look for an existing tag of the same name (e.g. "origin"); null checks only the
    /// local repository. An unreachable remote is logged and ignored: the push checks again.
    /// </summary>
    public string? Remote { get; init; }

    /// <summary>Extra environment for the remote look-up (e.g. GIT_SSH_COMMAND).</summary>
    public IReadOnlyDictionary<string, string?>? RemoteEnvironment { get; init; }

    public TimeSpan RemoteTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
