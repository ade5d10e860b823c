using Nuke.Common;

namespace GitLabRelease.Git;

/// <summary>The default PushUrl: GitLab's SSH endpoint for the project of the pipeline.</summary>
public static class GitLabPushUrl
{
    /// <summary><c>ssh://git@HOST[:PORT]/PROJECT.git</c>; the port is omitted when empty or 22.</summary>
    public static string Build(string? sshHost, string? sshPort, string? projectPath)
    {
        if (string.IsNullOrWhiteSpace(sshHost) || string.IsNullOrWhiteSpace(projectPath))
            throw new BuildException(
                $"No push URL: PushUrl is not set and {CiVariables.ServerShellSshHost} / {CiVariables.ProjectPath} are not available.",
                $"Set PushUrl ({Spelling.Parameter("PushUrl")}) to ssh://git@HOST[:PORT]/GROUP/PROJECT.git, or run in a GitLab pipeline.");
        var port = sshPort?.Trim();
        if (!string.IsNullOrEmpty(port) && (!int.TryParse(port, out var number) || number is < 1 or > 65535))
            throw new BuildException(
                $"{CiVariables.ServerShellSshPort} '{port}' is not a port number.",
                $"Set PushUrl ({Spelling.Parameter("PushUrl")}) explicitly, or fix the GitLab instance's gitlab_shell_ssh_port.");
        var hostPart = sshHost.Trim().Contains(':') && !sshHost.Trim().StartsWith('[') ? $"[{sshHost.Trim()}]" : sshHost.Trim();
        var portPart = string.IsNullOrEmpty(port) || port == "22" ? "" : ":" + port;
        return $"ssh://git@{hostPart}{portPart}/{projectPath.Trim().Trim('/')}.git";
    }
}
