namespace GitLabRelease.DeployKeys;

/// <param name="RepositoryRoot">The work tree; the plaintext key is never written below it.</param>
/// <param name="KmsKeyId">The key to encrypt under (id, ARN or alias); its ARN is what gets stored.</param>
/// <param name="Context">DeployKeyContext, e.g. <c>purpose=gitlab-deploy-key,project=group/project</c>.</param>
/// <param name="ProjectPath">group/project, for the key comment and the OIDC trust policy.</param>
public sealed record CreateDeployKeyRequest(string RepositoryRoot, string KmsKeyId, string Context, string ProjectPath)
{
    /// <summary>DeployKeyFile; relative paths are below <see cref="RepositoryRoot"/>.</summary>
    public string CiphertextFile { get; init; } = DeployKeyDefaults.CiphertextFile;
    public string ParametersFile { get; init; } = DeployKeyDefaults.ParametersFile;

    /// <summary>Where the AWS setup files go (oidc-provider.json, role-trust-policy.json, kms-key-policy.json).</summary>
    public string AwsSetupDirectory { get; init; } = DeployKeyDefaults.AwsSetupDirectory;
    public bool Force { get; init; }

    /// <summary>The GitLab instance URL, as the ID token's <c>iss</c> has it (CI_SERVER_URL), e.g. https://gitlab.example.com.</summary>
    public string GitLabUrl { get; init; } = "https://gitlab.com";
    public string? SshHost { get; init; }
    public int SshPort { get; init; } = 22;
    public string DefaultBranch { get; init; } = "main";

    /// <summary>The release job's ID token variable and audience (from [GitLabCI]), resolved for this instance.</summary>
    public string IdTokenVariable { get; init; } = DeployKeyDefaults.IdTokenVariable;
    public string IdTokenAudience { get; init; } = "https://gitlab.com";

    /// <summary>The CI role allowed to decrypt; a placeholder in the policies when unknown.</summary>
    public string? CiRoleArn { get; init; }

    /// <summary>What was assumed rather than known (e.g. on a laptop, read off origin); printed with the steps.</summary>
    public IReadOnlyList<string> Assumptions { get; init; } = [];

    /// <summary>The IAM name of the OIDC provider: the GitLab URL without its scheme.</summary>
    public string ProviderName => (GitLabUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? GitLabUrl[8..] : GitLabUrl).TrimEnd('/');
}
