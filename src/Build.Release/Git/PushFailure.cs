namespace GitLabRelease.Git;

public enum PushFailureKind
{
    HostKeyChanged,
    HostKeyUnknown,
    KeyFileRejected,
    ReadOnlyKey,
    /// <summary>GitLab refused a job-token push: the project's "Allow Git push requests to the repository" is off.</summary>
    JobTokenPushNotAllowed,
    /// <summary>The URL was rewritten to a protocol the transport does not allow, or TLS failed.</summary>
    TransportRefused,
    ProtectedTag,
    AuthenticationFailed,
    RepositoryNotFound,
    HostNotFound,
    NameResolutionTemporary,
    ConnectionRefused,
    ConnectionTimedOut,
    ConnectionLost,
    TagRejected,
    Unknown,
}

/// <summary>Why a push (or ls-remote / dry run) failed, what to do about it, and whether trying again may help.</summary>
public sealed record PushFailure(PushFailureKind Kind, string Cause, string Fix, bool IsTransient);
