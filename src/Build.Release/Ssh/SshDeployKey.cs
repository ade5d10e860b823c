namespace GitLabRelease.Ssh;

/// <summary>
/// A decrypted deploy key, held in memory only: it reaches ssh through a private agent (standard input of
/// <c>ssh-add</c>), never through a file. <see cref="ToString"/> never shows the private part.
/// </summary>
public sealed class SshDeployKey(string privateKey, string publicKey, string fingerprint)
{
    /// <summary>The OpenSSH private key text (registered with the build's masker by whoever decrypted it).</summary>
    public string PrivateKey { get; } = privateKey;

    /// <summary>"ssh-ed25519 AAAA… comment".</summary>
    public string PublicKey { get; } = publicKey;

    /// <summary>SHA256:…, as GitLab shows it.</summary>
    public string Fingerprint { get; } = fingerprint;

    public override string ToString() => $"{PublicKey.Split(' ')[0]} {Fingerprint}";
}
