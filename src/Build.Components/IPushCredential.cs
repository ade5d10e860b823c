using GitLabRelease.Git;

namespace GitLabRelease.Components;

/// <summary>
/// One way Push authenticates (a strategy per <see cref="PushMode"/>): it turns the build's settings into a transport
/// of the release library, which Push and Preflight then use alike.
/// </summary>
public interface IPushCredential
{
    PushMode Mode { get; }

    /// <summary>Whether DecryptDeployKey has to run first.</summary>
    bool UsesDeployKey { get; }

    Task<IPushTransport> CreateTransportAsync(CancellationToken cancellationToken);
}
