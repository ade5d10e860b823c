using Nuke.Common;
using Nuke.Common.Tooling;

namespace GitLabRelease.DeployKeys;

/// <summary>ssh-keygen for what it is authoritative on: generating keys, deriving public keys and SHA256 fingerprints.</summary>
public sealed class SshKeyTool(ToolRunner runner, string executable = "ssh-keygen")
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task GenerateEd25519Async(string privateKeyFile, string comment, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(["-t", "ed25519", "-N", "", "-C", comment, "-f", privateKeyFile, "-q"], cancellationToken);
        if (!result.Succeeded)
            throw new BuildException($"ssh-keygen could not generate an ed25519 key: {ToolRunner.Tail(result.StandardError, 3)}",
                "Install OpenSSH 6.5 or newer (ssh-keygen with ed25519 support).");
    }

    /// <summary>The one-line public key. An empty passphrase makes a protected key fail instead of prompting.</summary>
    public async Task<string> PublicKeyAsync(string privateKeyFile, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(["-y", "-P", "", "-f", privateKeyFile], cancellationToken);
        var line = result.StandardOutput.Trim();
        if (!result.Succeeded || !line.StartsWith("ssh-", StringComparison.Ordinal) && !line.StartsWith("ecdsa-", StringComparison.Ordinal))
            throw new BuildException(
                $"The decrypted deploy key is not a usable OpenSSH private key without passphrase (ssh-keygen: {ToolRunner.Tail(result.StandardError, 2)}).",
                "Re-create it with ./build.sh CreateDeployKey --force, or encrypt an unencrypted OpenSSH private key (ssh-keygen -t ed25519 -N \"\").");
        return line;
    }

    /// <summary>The SHA256 fingerprint as GitLab shows it, e.g. <c>SHA256:Xq3…</c>.</summary>
    public async Task<string> FingerprintAsync(string keyFile, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(["-l", "-E", "sha256", "-f", keyFile], cancellationToken);
        var fingerprint = result.StandardOutput.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(part => part.StartsWith("SHA256:", StringComparison.Ordinal));
        if (!result.Succeeded || fingerprint is null)
            throw new BuildException($"ssh-keygen could not compute the fingerprint of {keyFile}: {ToolRunner.Tail(result.StandardError, 2)}",
                "Check that ssh-keygen (OpenSSH) is installed and on PATH, and that the file is an OpenSSH key " +
                "(for the deploy key: run DecryptDeployKey first, and check that DEPLOY_KEY_FILE decrypts to an OpenSSH private key).");
        return fingerprint;
    }

    public static bool SameFingerprint(string expected, string actual) =>
        string.Equals(Normalize(expected), Normalize(actual), StringComparison.Ordinal);

    private static string Normalize(string fingerprint)
    {
        var value = fingerprint.Trim();
        if (value.StartsWith("SHA256:", StringComparison.OrdinalIgnoreCase)) value = value[7..];
        return value.TrimEnd('=');
    }

    private Task<ToolResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        runner.RunAsync(new ToolInvocation(executable, arguments)
        {
            LogOutput = false, AllowFailure = true, Timeout = Timeout, StandardInput = string.Empty,
        }, cancellationToken);
}
