using GitLabRelease.Git;
using GitLabRelease.Ssh;

namespace GitLabRelease.Components;

/// <summary>The deploy key over SSH: the key DecryptDeployKey holds, host keys pinned by SshKnownHosts.</summary>
public sealed class DeployKeyPushCredential(Func<Task<string>> pushUrl, Func<SshDeployKey> key, string? sshKnownHosts, string? expectedFingerprint) : IPushCredential
{
    public PushMode Mode => PushMode.DeployKey;
    public bool UsesDeployKey => true;

    public async Task<IPushTransport> CreateTransportAsync(CancellationToken cancellationToken) =>
        new DeployKeyTransport(await pushUrl(), key(), sshKnownHosts) { ExpectedFingerprint = expectedFingerprint };
}
