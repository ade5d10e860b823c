using GitLabRelease.Aws;
using GitLabRelease.Ssh;

namespace GitLabRelease.DeployKeys;

/// <summary>
/// The deploy key for the length of the build, in memory only (no file at any moment): the push hands it to a
/// private ssh-agent on standard input. Register it with the build's cleanup; disposal ends the AWS session it
/// started.
/// </summary>
public sealed class DecryptedDeployKey : IAsyncDisposable
{
    private readonly AwsSession? _ownedSession;
    private int _disposed;

    internal DecryptedDeployKey(SshDeployKey key, AwsSession? ownedSession)
    {
        Key = key;
        _ownedSession = ownedSession;
    }

    public SshDeployKey Key { get; }
    public string PublicKey => Key.PublicKey;
    public string Fingerprint => Key.Fingerprint;

    public override string ToString() => Key.ToString();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        if (_ownedSession is not null) await _ownedSession.DisposeAsync();
    }
}
