namespace GitLabRelease.Ssh;

/// <summary>
/// The GIT_SSH_COMMAND for a push with the deploy key: only that key, only the pinned host keys, never a prompt.
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
        return string.Join(' ',
            "ssh",
            "-i", Quote(privateKeyFile),
            "-o", "IdentitiesOnly=yes",
            "-o", "StrictHostKeyChecking=yes",
            "-o", "UserKnownHostsFile=" + Quote(knownHostsFile),
            // Only the pinned file counts, and ssh must not add keys to it.
            "-o", "GlobalKnownHostsFile=/dev/null",
            "-o", "UpdateHostKeys=no",
            "-o", "BatchMode=yes",
            "-o", $"ConnectTimeout={connectTimeoutSeconds}");
    }

    /// <summary>The environment that makes git use <see cref="Build"/>'s command (it wins over core.sshCommand).</summary>
    public static IReadOnlyDictionary<string, string?> Environment(string privateKeyFile, string knownHostsFile, int connectTimeoutSeconds = DefaultConnectTimeoutSeconds) =>
        new Dictionary<string, string?>
        {
            ["GIT_SSH_COMMAND"] = Build(privateKeyFile, knownHostsFile, connectTimeoutSeconds),
            ["GIT_SSH"] = null,
            ["GIT_SSH_VARIANT"] = null,
            ["SSH_ASKPASS"] = null,
        };

    // git runs GIT_SSH_COMMAND through the shell.
    private static string Quote(string value) => "'" + value.Replace("'", "'\\''") + "'";
}
