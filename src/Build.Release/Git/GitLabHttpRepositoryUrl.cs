using System.Net;
using Nuke.Common;

namespace GitLabRelease.Git;

/// <summary>
/// The project's HTTPS repository URL (<c>SERVER/GROUP/PROJECT.git</c>), where a job-token push goes. Only https is
/// accepted, so the token never travels in clear text; plain http only to a loopback address (a server on this
/// machine, as in tests). The URL carries no user, password, query or fragment.
/// </summary>
public static class GitLabHttpRepositoryUrl
{
    public static Uri Build(string? serverUrl, string? projectPath)
    {
        if (string.IsNullOrWhiteSpace(serverUrl) || string.IsNullOrWhiteSpace(projectPath))
            throw new BuildException(
                "No repository URL for a job-token push: the GitLab server URL or the project path is not known.",
                "Run the push in a GitLab pipeline (GitLab sets CI_SERVER_URL and CI_PROJECT_PATH), or push with the deploy key (PushWith=deploy-key).");
        if (!Uri.TryCreate(serverUrl.Trim().TrimEnd('/') + "/", UriKind.Absolute, out var server))
            throw new BuildException($"The GitLab server URL '{serverUrl}' is not an absolute URL.", "GitLab sets CI_SERVER_URL to https://HOST[:PORT]; do not override it.");
        var project = projectPath.Trim().Trim('/');
        if (project.Length == 0 || project.Split('/').Any(part => part is "" or "." or ".." || part.Any(c => char.IsWhiteSpace(c) || c is '?' or '#' or '%' or '\\' or '@')))
            throw new BuildException($"The project path '{projectPath}' is not GROUP/PROJECT.", "GitLab sets CI_PROJECT_PATH; do not override it.");
        return Validate(new Uri(server, project + ".git"));
    }

    /// <summary>Refuses a URL a job token must not be sent to.</summary>
    public static Uri Validate(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
            throw new BuildException($"The repository URL '{url}' is not absolute.", "GitLab sets CI_SERVER_URL to https://HOST[:PORT]; do not override it.");
        if (!string.IsNullOrEmpty(url.UserInfo) || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
            throw new BuildException("The repository URL for a job-token push must carry no user, password, query or fragment.",
                "GitLab sets CI_SERVER_URL to https://HOST[:PORT]; do not override it.");
        var loopback = IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
        if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && loopback))
            throw new BuildException(
                $"The job token is sent only over https, but the GitLab server URL is {url.GetLeftPart(UriPartial.Authority)}; nothing is pushed.",
                "Serve GitLab over https (external_url https://...), or push with the deploy key over SSH (PushWith=deploy-key).");
        return url;
    }
}
