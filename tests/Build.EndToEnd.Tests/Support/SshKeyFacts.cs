using Fixtures.Ssh;

namespace EndToEnd.Tests.Support;

/// <summary>What ssh-keygen says about a private key the test got back from KMS (written outside any work tree, 0600, deleted at once).</summary>
public static class SshKeyFacts
{
    public static (string PublicKey, string Fingerprint) Of(string privateKeyText)
    {
        var directory = Path.Combine(Path.GetTempPath(), "e2e-keycheck-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var file = Path.Combine(directory, "key");
            File.WriteAllText(file, privateKeyText.EndsWith('\n') ? privateKeyText : privateKeyText + "\n");
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var publicKey = FixtureProcess.Run("ssh-keygen", ["-y", "-f", file]).StandardOutput.Trim();
            var fingerprint = FixtureProcess.Run("ssh-keygen", ["-l", "-E", "sha256", "-f", file]).StandardOutput.Split(' ')[1];
            return (string.Join(' ', publicKey.Split(' ').Take(2)), fingerprint);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
