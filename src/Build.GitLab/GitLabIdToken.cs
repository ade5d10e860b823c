using System.Reflection;

namespace Nuke.Common.CI.GitLab;

/// <summary>
/// The release job's OIDC ID token as <see cref="GitLabCIAttribute"/> declares it: the one source of its variable name
/// and audience, read by the generator (the job's <c>id_tokens</c>) and by the build at runtime (which variable holds
/// the token, and what AWS must trust).
/// </summary>
public sealed record GitLabIdToken(string VariableName, string Audience)
{
    public const string ServerUrlVariable = "$CI_SERVER_URL";

    /// <summary>What the build class declares, or the defaults when it has no <c>[GitLabCI]</c>.</summary>
    public static GitLabIdToken Of(Type buildType)
    {
        var attribute = buildType.GetCustomAttribute<GitLabCIAttribute>(inherit: true);
        return new GitLabIdToken(attribute?.IdTokenName ?? GitLabPipelineSettings.DefaultIdTokenName,
            attribute?.IdTokenAudience ?? GitLabPipelineSettings.DefaultIdTokenAudience);
    }

    /// <summary>
    /// The audience as the job receives it: GitLab expands <c>$CI_SERVER_URL</c> in <c>id_tokens:aud</c>, so the build
    /// does the same with the pipeline's value, or with <paramref name="serverUrl"/> (the instance derived from
    /// <c>origin</c> on a laptop). Null when the audience names the variable and no URL is known.
    /// </summary>
    public string? ResolveAudience(Func<string, string?> environment, string? serverUrl = null)
    {
        var url = environment("CI_SERVER_URL") is { Length: > 0 } ci ? ci : serverUrl;
        if (!Audience.Contains("CI_SERVER_URL", StringComparison.Ordinal)) return Audience;
        if (url is null) return null;
        return Audience.Replace("${CI_SERVER_URL}", url, StringComparison.Ordinal).Replace(ServerUrlVariable, url, StringComparison.Ordinal);
    }
}
