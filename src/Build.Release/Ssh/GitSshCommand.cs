namespace GitLabRelease.Ssh;

/// <summary>
/// The GIT_SSH_COMMAND for a push with the deploy key: only that key, only the pinned host keys, never a prompt.
/// <c>-F none</c> drops ~/.ssh/config and /etc/ssh/ssh_config, so nothing on the runner (an IdentityFile, a
/// KnownHostsCommand, ForwardAgent, a ProxyCommand, a control socket) decides how the push connects; every option that
/// matters is then stated explicitly, because ssh's built-in defaults are not ours to rely on either.
/// Host key checking is always strict; there is deliberately no way to turn it off.
/// </summary>
public static class GitSshCommand
{
    public const int DefaultConnectTimeoutSeconds = 15;

    public static string Build(string privateKeyFile, string knownHostsFile, int connectTimeoutSeconds = DefaultConnectTimeoutSeconds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(privateKeyFile);
        ArgumentException.ThrowIfNullOrWhiteSpace(knownHostsFile);
        ArgumentOutOfRangeException.ThrowIfLessThan(connectTimeoutSeconds, 1);
        return string.Join(' ', Arguments(privateKeyFile, knownHostsFile, connectTimeoutSeconds).Select(Quote).Prepend("ssh"));
    }

    /// <summary>The arguments after <c>ssh</c>, unquoted.</summary>
    public static IReadOnlyList<string> Arguments(string privateKeyFile, string knownHostsFile, int connectTimeoutSeconds = DefaultConnectTimeoutSeconds)
    {
        var options = new[]
        {
            // Only the deploy key: no agent (the runner's SSH_AUTH_SOCK), no other identity, no certificate, no token.
            "IdentitiesOnly=yes", "IdentityAgent=none", "PKCS11Provider=none", "AddKeysToAgent=no",
            "PreferredAuthentications=publickey", "PasswordAuthentication=no", "KbdInteractiveAuthentication=no",
            "HostbasedAuthentication=no", "GSSAPIAuthentication=no",
            // Nothing travels to the server but the push.
            "ForwardAgent=no", "ForwardX11=no", "ClearAllForwardings=yes", "PermitLocalCommand=no", "RemoteCommand=none",
            // The connection goes straight to the host, on its own.
            "ProxyCommand=none", "ProxyJump=none", "ControlMaster=no", "ControlPath=none", "CanonicalizeHostname=no",
            // Only the pinned host keys count, checked strictly, and ssh must not add keys anywhere.
            "UserKnownHostsFile=" + knownHostsFile, "GlobalKnownHostsFile=/dev/null", "KnownHostsCommand=none",
            "StrictHostKeyChecking=yes", "UpdateHostKeys=no", "VerifyHostKeyDNS=no", "CheckHostIP=no",
            "BatchMode=yes", $"ConnectTimeout={connectTimeoutSeconds}",
        };
        return ["-F", "none", "-i", privateKeyFile, .. options.SelectMany(o => new[] { "-o", o })];
    }

    /// <summary>
    /// The environment that makes git use <see cref="Build"/>'s command and nothing else: GIT_SSH_COMMAND wins over
    /// core.sshCommand, GIT_SSH is cleared, the variant is fixed to OpenSSH, and only the ssh transport is allowed
    /// (a url.*.insteadOf in the runner's git config cannot turn the push into ext:: or file://).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Environment(string privateKeyFile, string knownHostsFile, int connectTimeoutSeconds = DefaultConnectTimeoutSeconds) =>
        new Dictionary<string, string?>
        {
            ["GIT_SSH_COMMAND"] = Build(privateKeyFile, knownHostsFile, connectTimeoutSeconds),
            ["GIT_SSH"] = null,
            ["GIT_SSH_VARIANT"] = "ssh",
            ["GIT_ALLOW_PROTOCOL"] = "ssh",
            ["SSH_ASKPASS"] = null,
            ["SSH_AUTH_SOCK"] = null,
        };

    // git runs GIT_SSH_COMMAND through the shell: every argument is single-quoted.
    private static string Quote(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || "-_=./:,".Contains(c)) ? value : "'" + value.Replace("'", "'\\''") + "'";
}
