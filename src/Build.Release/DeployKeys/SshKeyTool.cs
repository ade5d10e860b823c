using Nuke.Common;
using Nuke.Common.Tooling;

namespace GitLabRelease.DeployKeys;

/// <summary>
/// ssh-keygen for what it is authoritative on: generating keys, deriving public keys and SHA256 fingerprints. A
/// decrypted key reaches it on standard input (<c>-f /dev/stdin</c>), never as a file.
/// </summary>
public sealed class SshKeyTool(ToolRunner runner, string executable = "ssh-keygen")
{
    private const string StandardInput = "/dev/stdin";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task GenerateEd25519Async(string privateKeyFile, string comment, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(["-t", "ed25519", "-N", "", "-C", comment, "-f", privateKeyFile, "-q"], string.Empty, cancellationToken);
        if (!result.Succeeded)
            throw new BuildException($"ssh-keygen could not generate an ed25519 key: {ToolRunner.Tail(result.StandardError, 3)}",
                "Install OpenSSH 6.5 or newer (ssh-keygen with ed25519 support).");
    }

    /// <summary>The one-line public key of a private key file. An empty passphrase makes a protected key fail instead of prompting.</summary>
    public Task<string> PublicKeyAsync(string privateKeyFile, CancellationToken cancellationToken = default) =>
        PublicKeyCoreAsync(privateKeyFile, string.Empty, cancellationToken);

    /// <summary>The one-line public key of a private key held in memory (given to ssh-keygen on standard input).</summary>
    public Task<string> PublicKeyFromTextAsync(string privateKey, CancellationToken cancellationToken = default) =>
        PublicKeyCoreAsync(StandardInput, privateKey, cancellationToken);

    private async Task<string> PublicKeyCoreAsync(string file, string input, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["-y", "-P", "", "-f", file], input, cancellationToken);
        var line = result.StandardOutput.Trim();
        if (!result.Succeeded || !line.StartsWith("ssh-", StringComparison.Ordinal) && !line.StartsWith("ecdsa-", StringComparison.Ordinal))
            throw new BuildException(
                "The decrypted deploy key is not a usable OpenSSH private key without passphrase.",
                $"Re-create it with {Spelling.Run("CreateDeployKey", "Force")}, or encrypt an unencrypted OpenSSH private key (ssh-keygen -t ed25519 -N \"\").");
        return line;
    }

    /// <summary>The SHA256 fingerprint of a key file as GitLab shows it, e.g. <c>SHA256:Xq3…</c>.</summary>
    public Task<string> FingerprintAsync(string keyFile, CancellationToken cancellationToken = default) =>
        FingerprintCoreAsync(keyFile, string.Empty, keyFile, cancellationToken);

    /// <summary>The SHA256 fingerprint of a public key line.</summary>
    public Task<string> FingerprintOfPublicKeyAsync(string publicKey, CancellationToken cancellationToken = default) =>
        FingerprintCoreAsync(StandardInput, publicKey.Trim() + "\n", "the deploy key's public key", cancellationToken);

    private async Task<string> FingerprintCoreAsync(string file, string input, string subject, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["-l", "-E", "sha256", "-f", file], input, cancellationToken);
        var fingerprint = result.StandardOutput.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(part => part.StartsWith("SHA256:", StringComparison.Ordinal));
        if (!result.Succeeded || fingerprint is null)
            throw new BuildException($"ssh-keygen could not compute the fingerprint of {subject}: {ToolRunner.Tail(result.StandardError, 2)}",
                "Check that ssh-keygen (OpenSSH) is installed and on PATH, and that the deploy key decrypts to an OpenSSH private key.");
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

    // ssh-keygen's stderr may quote the input it could not parse: it is read, never logged.
    private Task<ToolResult> RunAsync(IReadOnlyList<string> arguments, string input, CancellationToken cancellationToken) =>
        runner.RunAsync(new ToolInvocation(executable, arguments)
        {
            LogOutput = false, AllowFailure = true, Timeout = Timeout, StandardInput = input,
        }, cancellationToken);
}
