using Fixtures.Ssh;

namespace Release.Tests.DeployKeys;

/// <summary>A real ed25519 key made by ssh-keygen, held as text, with its fingerprint as ssh-keygen reports it (the oracle).</summary>
public sealed record TestKey(string PrivateKey, string PublicKey, string Fingerprint)
{
    public static Task<TestKey> GenerateAsync(string directory)
    {
        var pair = SshKeyPair.Generate(directory, $"key-{Guid.NewGuid():N}");
        var key = new TestKey(pair.PrivateKeyText, pair.PublicKeyLine, pair.Fingerprint);
        File.Delete(pair.PrivateKeyFile);
        File.Delete(pair.PrivateKeyFile + ".pub");
        return Task.FromResult(key);
    }

    public static Task<string> FingerprintOfAsync(string keyFile) => Task.FromResult(SshKeyPair.FingerprintOf(keyFile));

    /// <summary>"ssh-ed25519 AAAA…" without the comment, which ssh-keygen -y may or may not print.</summary>
    public static string KeyPart(string publicKey) => string.Join(' ', publicKey.Split(' ').Take(2));
}
