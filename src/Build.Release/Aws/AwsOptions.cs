using Amazon.Runtime;

namespace GitLabRelease.Aws;

/// <summary>
/// How the AWS clients are configured. Everything comes from <see cref="Environment"/> the AWS way
/// (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL_*, AWS_ROLE_ARN + an ID token); there are no key parameters.
/// </summary>
public sealed record AwsOptions
{
    public AwsEnvironment Environment { get; init; } = AwsEnvironment.Process();

    /// <summary>The GitLab <c>id_tokens</c> variable that holds the OIDC token for STS, and the audience the job asks for.</summary>
    public IdTokenSettings IdToken { get; init; } = IdTokenSettings.Default;

    /// <summary>The variable name of <see cref="IdToken"/>.</summary>
    public string IdTokenVariable => IdToken.VariableName;

    /// <summary>The repository root: secret files (the deploy key) are never written below it.</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>True in a pipeline: long-lived access keys there get a warning.</summary>
    public bool IsServerBuild { get; init; }

    /// <summary>The CI project (<c>group/project</c>) and pipeline id, for the STS session name when AWS_ROLE_SESSION_NAME is unset.</summary>
    public string? ProjectPath { get; init; }

    public string? PipelineId { get; init; }

    /// <summary>Explicit credentials instead of the default chain; for tests and embedding.</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>Where secret files may go, most preferred first; null means /dev/shm, $XDG_RUNTIME_DIR, temp.</summary>
    public IReadOnlyList<string>? SecretDirectoryCandidates { get; init; }
}
