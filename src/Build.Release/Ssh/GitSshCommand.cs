namespace GitLabRelease.Ssh;

/// <summary>
/// The GIT_SSH_COMMAND for a push with the deploy key. ssh reads no configuration file (<c>-F none</c>: neither
/// /etc/ssh/ssh_config nor ~/.ssh/config can add an identity, a proxy, a KnownHostsCommand or agent forwarding),
/// uses only the deploy key from the private agent, checks the server only against the pinned known_hosts and never
/// prompts. Host key checking is always strict; there is deliberately no way to turn it off.
/// </summary>
public static class GitSshCommand
{
    public const int DefaultConnectTimeoutSeconds = 15;

    public static string Build(string agentSocket, string publicKeyFile, string knownHostsFile, int connectTimeoutSeconds = DefaultConnectTimeoutSeconds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentSocket);
        ArgumentException.ThrowIfNullOrWhiteSpace(publicKeyFile);
        ArgumentException.ThrowIfNullOrWhiteSpace(knownHostsFile);
        ArgumentOutOfRangeException.ThrowIfLessThan(connectTimeoutSeconds, 1);
        return string.Join(' ', Arguments(agentSocket, publicKeyFile, knownHostsFile, connectTimeoutSeconds).Select(Quote));
    }

    /// <summary>ssh's arguments before the host, one option each, so tests can check every one.</summary>
    public static IReadOnlyList<string> Arguments(string agentSocket, string publicKeyFile, string knownHostsFile, int connectTimeoutSeconds)
    {
        string[] options =
        [
            // Identity: only the deploy key, offered by our agent; the public key file selects it.
            "IdentityAgent=" + agentSocket,
            "IdentityFile=" + publicKeyFile,
            "IdentitiesOnly=yes",
            "CertificateFile=none",
            "PKCS11Provider=none",
            "SecurityKeyProvider=internal",
            "AddKeysToAgent=no",
            "PreferredAuthentications=publickey",
            "PasswordAuthentication=no",
            "KbdInteractiveAuthentication=no",
            "GSSAPIAuthentication=no",
            "HostbasedAuthentication=no",
            // Host: only the pinned keys, strictly; nothing learned or looked up elsewhere.
            "StrictHostKeyChecking=yes",
            "UserKnownHostsFile=" + knownHostsFile,
            "GlobalKnownHostsFile=/dev/null",
            "KnownHostsCommand=none",
            "UpdateHostKeys=no",
            "VerifyHostKeyDNS=no",
            "CheckHostIP=no",
            "HashKnownHosts=no",
            "CanonicalizeHostname=no",
            // Connection: direct, unshared, nothing forwarded, nothing run locally.
            "ProxyCommand=none",
            "ProxyJump=none",
            "ControlMaster=no",
            "ControlPath=none",
            "ForwardAgent=no",
            "ForwardX11=no",
            "ClearAllForwardings=yes",
            "PermitLocalCommand=no",
            "RemoteCommand=none",
            "Tunnel=no",
            "RequestTTY=no",
            "SendEnv=-*",
            "BatchMode=yes",
            "ConnectTimeout=" + connectTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "ServerAliveInterval=15",
            "ServerAliveCountMax=4",
        ];
        var arguments = new List<string> { "ssh", "-F", "none", "-a", "-x", "-T" };
        foreach (var option in options) arguments.AddRange(["-o", option]);
        return arguments;
    }

    /// <summary>
    /// The environment git runs with for the push: our ssh command (it wins over core.sshCommand), the ssh variant
    /// stated, no askpass, and none of the inherited GIT_* / SSH_* variables that could redirect the repository, the
    /// configuration, the transport or the agent.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Environment(string agentSocket, string publicKeyFile, string knownHostsFile, int connectTimeoutSeconds = DefaultConnectTimeoutSeconds)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            if (entry.Key is string name && (name.StartsWith("GIT_", StringComparison.Ordinal) || name.StartsWith("SSH_", StringComparison.Ordinal)))
                environment[name] = null;
        environment["GIT_SSH_COMMAND"] = Build(agentSocket, publicKeyFile, knownHostsFile, connectTimeoutSeconds);
        environment["GIT_SSH_VARIANT"] = "ssh";
        // The system and global git configuration could rewrite the URL (url.*.pushInsteadOf) or the transport.
        environment["GIT_CONFIG_NOSYSTEM"] = "1";
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        environment["GIT_TERMINAL_PROMPT"] = "0";
        environment["GIT_ASKPASS"] = null;
        environment["SSH_ASKPASS"] = null;
        environment["SSH_AUTH_SOCK"] = null;
        // Only the ssh transport; a URL rewritten by the repository's own configuration to anything else is refused.
        environment["GIT_ALLOW_PROTOCOL"] = "ssh";
        return environment;
    }

    // git runs GIT_SSH_COMMAND through the shell.
    private static string Quote(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '=' or '/' or '.' or ':' or ',' or '*')
            ? value
            : "'" + value.Replace("'", "'\\''") + "'";
}
