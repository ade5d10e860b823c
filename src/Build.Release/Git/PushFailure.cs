namespace GitLabRelease.Git;

public enum PushFailureKind
{
    HostKeyChanged,
    HostKeyUnknown,
    KeyFileRejected,
    ReadOnlyKey,
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
