using GitLabRelease.Aws;

namespace GitLabRelease.DeployKeys;

/// <summary>
/// The deploy key on disk for the length of the build: <see cref="KeyFile"/> is 0600 inside a fresh 0700
/// directory outside the work tree. Register it with the build's cleanup; disposal deletes the key, its
/// directory and the ID token file of the AWS session it started.
/// </summary>
public sealed class DecryptedDeployKey : IAsyncDisposable
{
    private readonly SecretDirectory _directory;
    private readonly AwsSession? _ownedSession;
    private int _disposed;

    internal DecryptedDeployKey(SecretDirectory directory, string keyFile, string publicKey, string fingerprint, AwsSession? ownedSession)
    {
        _directory = directory;
        _ownedSession = ownedSession;
        KeyFile = keyFile;
        PublicKey = publicKey;
        Fingerprint = fingerprint;
    }

    public string KeyFile { get; }
    public string PublicKey { get; }
    public string Fingerprint { get; }
    public string Directory => _directory.Path;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        try
        {
            await _directory.DisposeAsync();
        }
        finally
        {
            if (_ownedSession is not null) await _ownedSession.DisposeAsync();
        }
    }
}
