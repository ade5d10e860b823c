namespace GitLabRelease.Aws;

/// <summary>
/// The job's OIDC ID token as the pipeline declares it: the <c>id_tokens</c> variable name and its <c>aud</c>, given
/// by the GitLab layer from <c>[GitLabCI]</c> (the one source of both), so errors and onboarding say what the job sends.
/// </summary>
/// <param name="Audience">The audience as the job receives it, with <c>$CI_SERVER_URL</c> already resolved when known.</param>
public sealed record IdTokenSettings(string VariableName, string Audience)
{
    public static IdTokenSettings Default { get; } = new(DeployKeys.DeployKeyDefaults.IdTokenVariable, "https://gitlab.com");
}
