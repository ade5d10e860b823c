using System.Text;

namespace GitLabRelease.Git;

/// <summary>
/// How GitLab takes a CI job token over HTTPS: HTTP Basic auth as the user <c>gitlab-ci-token</c> with the token as
/// password. The value is handed to git as an <c>Authorization</c> header through its configuration environment,
/// never in a URL or an argument.
/// </summary>
public static class JobTokenCredential
{
    public const string User = "gitlab-ci-token";

    /// <summary>base64("gitlab-ci-token:TOKEN"): what the header carries, and so another form of the secret to mask.</summary>
    public static string BasicValue(string jobToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobToken);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{jobToken}"));
    }

    public static string AuthorizationHeader(string jobToken) => "Authorization: Basic " + BasicValue(jobToken);
}
