namespace Fixtures.Ssh;

/// <summary>An ed25519 key pair made with ssh-keygen at run time (tests never commit a key).</summary>
public sealed class SshKeyPair
{
    private SshKeyPair(string privateKeyFile, string publicKeyLine, string fingerprint)
    {
        PrivateKeyFile = privateKeyFile;
        PublicKeyLine = publicKeyLine;
        Fingerprint = fingerprint;
    }

    public string PrivateKeyFile { get; }

    /// <summary>"ssh-ed25519 AAAA... comment", as it goes into authorized_keys or GitLab's Deploy keys.</summary>
    public string PublicKeyLine { get; }

    /// <summary>SHA256:..., as GitLab shows it.</summary>
    public string Fingerprint { get; }

    public string PrivateKeyText => File.ReadAllText(PrivateKeyFile);

    public static SshKeyPair Generate(string directory, string name)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, name);
        FixtureProcess.Run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", file]);
        return new SshKeyPair(file, File.ReadAllText(file + ".pub").Trim(), FingerprintOf(file));
    }

    /// <summary>The SHA256 fingerprint of a key file as ssh-keygen prints it: the oracle tests compare the build with.</summary>
    public static string FingerprintOf(string keyFile) =>
        FixtureProcess.Run("ssh-keygen", ["-l", "-E", "sha256", "-f", keyFile]).StandardOutput.Split(' ')[1];
}
