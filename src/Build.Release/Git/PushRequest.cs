using GitLabRelease.Ssh;

namespace GitLabRelease.Git;

/// <summary>
/// Push tag <see cref="TagName"/> (which must exist locally) to <see cref="PushUrl"/> with the deploy key in
/// <see cref="PrivateKeyFile"/>, checking the server against <see cref="SshKnownHosts"/> (content or file path).
/// </summary>
public sealed record PushRequest(string RepositoryDirectory, string TagName, string PushUrl, string PrivateKeyFile, string? SshKnownHosts)
{
    /// <summary>The deploy key's SHA256 fingerprint, shown in errors; computed from the key file when null.</summary>
    public string? KeyFingerprint { get; init; }

    /// <summary>DeployKeyFingerprint: when set, a key with another fingerprint is not used.</summary>
    public string? ExpectedFingerprint { get; init; }

    /// <summary>Push options; GitLab's <c>ci.skip</c> keeps the tag from starting a pipeline that would tag again.</summary>
    public IReadOnlyList<string> PushOptions { get; init; } = ["ci.skip"];

    public int ConnectTimeoutSeconds { get; init; } = GitSshCommand.DefaultConnectTimeoutSeconds;

    /// <summary>Upper bound for one git call.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;
}
