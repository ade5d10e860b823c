namespace GitLabRelease.Git;

/// <summary>Push tag <see cref="TagName"/> (which must exist locally) through <see cref="Transport"/>.</summary>
public sealed record PushRequest(string RepositoryDirectory, string TagName, IPushTransport Transport)
{
    /// <summary>Push options; GitLab's <c>ci.skip</c> keeps the tag from starting a pipeline that would tag again.</summary>
    public IReadOnlyList<string> PushOptions { get; init; } = ["ci.skip"];

    /// <summary>Upper bound for one git call.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;
}
