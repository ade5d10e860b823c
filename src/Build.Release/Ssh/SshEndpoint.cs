using Nuke.Common;
using Nuke.Common.IO;

namespace GitLabRelease.Ssh;

/// <summary>The SSH server and repository path a push URL points at (ssh:// or scp-style).</summary>
public sealed record SshEndpoint(string? User, string Host, int Port, string RepositoryPath)
{
    public const int DefaultPort = 22;

    /// <summary>The host name as known_hosts spells it: <c>host</c> on port 22, <c>[host]:port</c> otherwise.</summary>
    public string KnownHostsName => Port == DefaultPort ? Host : $"[{Host}]:{Port}";

    /// <summary>The command that prints the server's host keys, to be run from a trusted network.</summary>
    public string KeyscanCommand => Port == DefaultPort ? $"ssh-keyscan {Host}" : $"ssh-keyscan -p {Port} {Host}";

    public override string ToString() => $"{Host}:{Port}";

    public static SshEndpoint Parse(string pushUrl)
    {
        ArgumentNullException.ThrowIfNull(pushUrl);
        var url = pushUrl.Trim();
        if (url.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("git+ssh://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("ssh+git://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.DnsSafeHost))
                throw Invalid(pushUrl);
            var user = string.IsNullOrEmpty(uri.UserInfo) ? null : Uri.UnescapeDataString(uri.UserInfo);
            var path = Uri.UnescapeDataString(uri.AbsolutePath).TrimStart('/');
            if (path.Length == 0) throw Invalid(pushUrl);
            return new SshEndpoint(user, uri.DnsSafeHost, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port, path);
        }

        // scp-style: [user@]host:path — git treats it so only when the colon comes before any slash.
        var colon = url.IndexOf(':');
        var slash = url.IndexOf('/');
        if (url.Contains("://") || colon <= 0 || (slash >= 0 && slash < colon) || colon == url.Length - 1)
            throw Invalid(pushUrl);
        var authority = url[..colon];
        var at = authority.LastIndexOf('@');
        var host = at >= 0 ? authority[(at + 1)..] : authority;
        if (host.Length == 0) throw Invalid(pushUrl);
        return new SshEndpoint(at >= 0 ? authority[..at] : null, host, DefaultPort, url[(colon + 1)..]);
    }

    private static BuildException Invalid(string pushUrl) => new(
        $"PushUrl '{pushUrl}' is not an SSH URL.",
        "Set PushUrl (--push-url / PUSH_URL) to ssh://git@HOST[:PORT]/GROUP/PROJECT.git or git@HOST:GROUP/PROJECT.git, "
        + "or unset it to derive it from CI_SERVER_SHELL_SSH_HOST, CI_SERVER_SHELL_SSH_PORT and CI_PROJECT_PATH.");
}
