using Nuke.Common;
using Nuke.Common.Tooling;
using GitLabRelease.Ssh;
using Nuke.Common.IO;

namespace GitLabRelease.Git;

/// <summary>The GitLab project path (<c>group/project</c>): CI_PROJECT_PATH in a pipeline, else read off the origin remote.</summary>
public static class ProjectPath
{
    public static async Task<string> ResolveAsync(string? ciProjectPath, string repositoryDirectory, ToolRunner runner, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(ciProjectPath)) return ciProjectPath.Trim('/');
        var origin = await runner.RunAsync(new ToolInvocation("git", ["remote", "get-url", "origin"])
        {
            WorkingDirectory = repositoryDirectory, LogOutput = false, AllowFailure = true,
        }, ct);
        return (origin.Succeeded ? FromRemoteUrl(origin.StandardOutput.Trim()) : null)
            ?? throw new BuildException($"Cannot tell the GitLab project path: {CiVariables.ProjectPath} is not set and the origin remote is missing or not a GitLab URL.",
                $"Set {CiVariables.ProjectPath}=group/project (or {Spelling.Variable("DeployKeyContext")}=purpose=gitlab-deploy-key,project=group/project), or add the origin remote.");
    }

    /// <summary><c>group/sub/project</c> from an https, ssh:// or scp-style URL; null when the URL names no path.</summary>
    public static string? FromRemoteUrl(string url)
    {
        string? path;
        if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Uri.UnescapeDataString(uri.AbsolutePath) : null;
        else
        {
            try { path = SshEndpoint.Parse(url).RepositoryPath; }
            catch (BuildException) { path = null; }
        }
        path = path?.Trim('/');
        if (path is not null && path.EndsWith(".git", StringComparison.OrdinalIgnoreCase)) path = path[..^4];
        return string.IsNullOrEmpty(path) || !path.Contains('/') ? null : path;
    }
}
