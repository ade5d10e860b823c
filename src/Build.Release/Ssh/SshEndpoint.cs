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

    /// <summary>
    /// Accepts <c>ssh://[user@]host[:port]/path</c> and scp-style <c>[user@]host:path</c> only. Every other transport
    /// git knows (<c>ext::</c>, <c>fd::</c>, <c>file://</c>, local paths, http(s), git://, helpers) is refused here, not left to
    /// git's defaults, and so is anything ssh could read as an option (a host or user starting with '-').
    /// </summary>
    public static SshEndpoint Parse(string pushUrl)
    {
        ArgumentNullException.ThrowIfNull(pushUrl);
        var url = pushUrl.Trim();
        if (url.Length == 0 || url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))) throw Invalid(pushUrl);
        SshEndpoint endpoint;
        if (url.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.DnsSafeHost) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
                throw Invalid(pushUrl);
            var user = string.IsNullOrEmpty(uri.UserInfo) ? null : Uri.UnescapeDataString(uri.UserInfo);
            var path = Uri.UnescapeDataString(uri.AbsolutePath).TrimStart('/');
            if (path.Length == 0) throw Invalid(pushUrl);
            endpoint = new SshEndpoint(user, uri.DnsSafeHost, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port, path);
        }
        else
        {
            // scp-style: [user@]host:path — git treats it so only when the colon comes before any slash, and a
            // "<transport>::<address>" form (ext::, fd::) is a remote helper, never ssh.
            var colon = url.IndexOf(':');
            var slash = url.IndexOf('/');
            if (url.Contains("://") || url.Contains("::") || colon <= 0 || (slash >= 0 && slash < colon) || colon == url.Length - 1)
                throw Invalid(pushUrl);
            var authority = url[..colon];
            var at = authority.LastIndexOf('@');
            var host = at >= 0 ? authority[(at + 1)..] : authority;
            if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
            endpoint = new SshEndpoint(at >= 0 ? authority[..at] : null, host, DefaultPort, url[(colon + 1)..]);
        }
        if (endpoint.Host.Length == 0 || endpoint.Host.StartsWith('-') || endpoint.User is { } u && (u.Length == 0 || u.StartsWith('-') || u.Contains(':')))
            throw Invalid(pushUrl);
        return endpoint;
    }

    private static BuildException Invalid(string pushUrl) => new(
        $"PushUrl '{pushUrl}' is not an SSH URL (only ssh:// and scp-style git@host:path are pushed to; other transports are refused).",
        "Set PushUrl (--push-url / PUSH_URL) to ssh://git@HOST[:PORT]/GROUP/PROJECT.git or git@HOST:GROUP/PROJECT.git, "
        + "or unset it to derive it from CI_SERVER_SHELL_SSH_HOST, CI_SERVER_SHELL_SSH_PORT and CI_PROJECT_PATH.");
}
