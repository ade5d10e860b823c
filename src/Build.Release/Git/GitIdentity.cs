namespace GitLabRelease.Git;

/// <summary>Who a release tag names as its tagger.</summary>
public sealed record GitIdentity(string Name, string Email)
{
    /// <summary>Used when the pipeline does not say who started it.</summary>
    public static GitIdentity Bot { get; } = new("Release Bot", "release-bot@noreply.invalid");

    /// <summary>The identity from GITLAB_USER_NAME / GITLAB_USER_EMAIL, or null when either is missing.</summary>
    public static GitIdentity? FromGitLab(string? userName, string? userEmail) =>
        string.IsNullOrWhiteSpace(userName) || string.IsNullOrWhiteSpace(userEmail) ? null : new GitIdentity(userName.Trim(), userEmail.Trim());
}
