using Nuke.Common;
using System.Text.RegularExpressions;
using Nuke.Common.IO;

namespace GitLabRelease.Ssh;

/// <summary>The SSH server and repository path a push URL points at (ssh:// or scp-style).</summary>
public sealed partial record SshEndpoint(string? User, string Host, int Port, string RepositoryPath)
{
    public const int DefaultPort = 22;

    /// <summary>The host name as known_hosts spells it: <c>host</c> on port 22, <c>[host]:port</c> otherwise.</summary>
    public string KnownHostsName => Port == DefaultPort ? Host : $"[{Host}]:{Port}";

    /// <summary>The command that prints the server's host keys, to be run from a trusted network.</summary>
    public string KeyscanCommand => Port == DefaultPort ? $"ssh-keyscan {Host}" : $"ssh-keyscan -p {Port} {Host}";

    public override string ToString() => $"{Host}:{Port}";

    /// <summary>
    /// Accepts only what git sends over SSH: <c>ssh://[user@]host[:port]/path</c> and scp-style <c>[user@]host:path</c>.
    /// Everything else is refused here, not left to git: <c>ext::</c> and other <c>transport::</c> helpers run local
    /// commands, <c>file://</c> and local paths push to this machine, http(s) does not use the deploy key, and a host,
    /// user or path that starts with <c>-</c> would reach ssh as an option. The URL itself is not echoed (an https URL
    /// may carry a token).
    /// </summary>
    public static SshEndpoint Parse(string pushUrl)
    {
        ArgumentNullException.ThrowIfNull(pushUrl);
        var url = pushUrl.Trim();
        if (url.Length == 0 || url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw Invalid("is empty or contains whitespace or control characters");
        if (HelperTransport().Match(url) is { Success: true } helper)
            throw Invalid($"uses git's '{helper.Groups[1].Value}::' remote helper, which runs a local program instead of connecting over SSH");
        if (Scheme().Match(url) is { Success: true } scheme)
        {
            if (!scheme.Groups[1].Value.Equals("ssh", StringComparison.OrdinalIgnoreCase))
                throw Invalid($"uses the {scheme.Groups[1].Value}:// transport; the deploy key pushes only over SSH");
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.DnsSafeHost))
                throw Invalid("is not a valid ssh:// URL");
            var user = string.IsNullOrEmpty(uri.UserInfo) ? null : Uri.UnescapeDataString(uri.UserInfo);
            var path = Uri.UnescapeDataString(uri.AbsolutePath).TrimStart('/');
            return Checked(user, uri.DnsSafeHost, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port, path);
        }

        // scp-style: [user@]host:path; git treats it so only when the colon comes before any slash, else it is a local path.
        var colon = url.IndexOf(':');
        var slash = url.IndexOf('/');
        if (colon <= 0 || (slash >= 0 && slash < colon))
            throw Invalid("is a local path (or not a URL); pushing to this machine would bypass GitLab");
        var authority = url[..colon];
        var at = authority.LastIndexOf('@');
        var host = at >= 0 ? authority[(at + 1)..] : authority;
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        return Checked(at >= 0 ? authority[..at] : null, host, DefaultPort, url[(colon + 1)..]);
    }

    private static SshEndpoint Checked(string? user, string host, int port, string path)
    {
        if (!HostName().IsMatch(host) && !System.Net.IPAddress.TryParse(host, out _))
            throw Invalid("has no valid host name (a host must not start with '-' or contain anything but letters, digits, '.', '-', '_')");
        if (user is not null && !UserName().IsMatch(user))
            throw Invalid("has an invalid user name (it must not start with '-' or contain ':' or spaces)");
        if (path.Length == 0 || path.StartsWith('-') || path.StartsWith(':'))
            throw Invalid("has no repository path (or one that starts with '-' or ':')");
        return new SshEndpoint(user, host, port, path);
    }

    private static BuildException Invalid(string reason) => new(
        $"PushUrl {reason}; only ssh://[user@]host[:port]/path and scp-style user@host:path are accepted.",
        $"Set PushUrl ({Spelling.Parameter("PushUrl")}) to ssh://git@HOST[:PORT]/GROUP/PROJECT.git or git@HOST:GROUP/PROJECT.git, "
        + $"or unset it to derive it from {CiVariables.ServerShellSshHost}, {CiVariables.ServerShellSshPort} and {CiVariables.ProjectPath}.");

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9+.-]*)::")]
    private static partial Regex HelperTransport();

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9+.-]*)://")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9._-]*$")]
    private static partial Regex HostName();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9._+-]*$")]
    private static partial Regex UserName();
}
