using Nuke.Common;
using Nuke.Common.Tooling;
using GitLabRelease.Ssh;

namespace GitLabRelease.Git;

/// <summary>
/// The GitLab instance and project a laptop's clone belongs to, read off the <c>origin</c> remote (ssh://, scp-style
/// or https://) and <c>refs/remotes/origin/HEAD</c>: what a pipeline gets from CI_SERVER_URL, CI_SERVER_SHELL_SSH_HOST
/// / _PORT, CI_PROJECT_PATH and CI_DEFAULT_BRANCH. <see cref="Assumptions"/> lists what the URL could not say.
/// </summary>
public sealed record GitLabOrigin(string ServerUrl, string ServerHost, string SshHost, int SshPort, string ProjectPath, string DefaultBranch)
{
    public IReadOnlyList<string> Assumptions { get; init; } = [];

    /// <summary>The deploy-key push URL for this project, as the release job derives it in a pipeline.</summary>
    public string PushUrl => GitLabPushUrl.Build(SshHost, SshPort.ToString(System.Globalization.CultureInfo.InvariantCulture), ProjectPath);

    public static async Task<GitLabOrigin?> ReadAsync(string repositoryDirectory, ToolRunner runner, CancellationToken ct)
    {
        var url = await GitAsync(["remote", "get-url", "origin"]);
        if (url is null) return null;
        var head = await GitAsync(["symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"]);
        const string prefix = "refs/remotes/origin/";
        var branch = head is not null && head.StartsWith(prefix, StringComparison.Ordinal) ? head[prefix.Length..] : null;
        return Parse(url, branch);

        async Task<string?> GitAsync(string[] arguments)
        {
            var result = await runner.RunAsync(new ToolInvocation("git", arguments)
            {
                WorkingDirectory = repositoryDirectory, LogOutput = false, AllowFailure = true,
            }, ct);
            return result.Succeeded && result.StandardOutput.Trim() is { Length: > 0 } text ? text : null;
        }
    }

    /// <param name="defaultBranch">From refs/remotes/origin/HEAD; null assumes main.</param>
    public static GitLabOrigin? Parse(string url, string? defaultBranch)
    {
        var assumptions = new List<string>();
        var project = Git.ProjectPath.FromRemoteUrl(url);
        if (project is null) return null;
        string serverUrl, serverHost, sshHost;
        int sshPort;
        if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
            serverHost = uri.Host;
            serverUrl = $"https://{uri.Authority}";
            sshHost = uri.Host;
            sshPort = SshEndpoint.DefaultPort;
            assumptions.Add($"SSH on {sshHost} port 22 (origin is an https URL; set PushUrl if GitLab's SSH runs elsewhere)");
        }
        else
        {
            SshEndpoint endpoint;
            try { endpoint = SshEndpoint.Parse(url); }
            catch (BuildException) { return null; }
            serverHost = endpoint.Host;
            sshHost = endpoint.Host;
            sshPort = endpoint.Port;
            serverUrl = $"https://{endpoint.Host}";
            assumptions.Add($"GitLab URL {serverUrl} (origin is an SSH URL; in a pipeline {CiVariables.ServerUrl} says)");
        }
        if (defaultBranch is null)
        {
            defaultBranch = "main";
            assumptions.Add("default branch main (refs/remotes/origin/HEAD is not set; `git remote set-head origin --auto` sets it)");
        }
        return new GitLabOrigin(serverUrl, serverHost, sshHost, sshPort, project, defaultBranch) { Assumptions = assumptions };
    }
}
