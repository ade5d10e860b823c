namespace GitLabRelease.DeployKeys;

/// <param name="RepositoryRoot">The work tree; the plaintext key is never written below it.</param>
/// <param name="KmsKeyId">The key to encrypt under (id, ARN or alias); its ARN is what gets stored.</param>
/// <param name="Context">DeployKeyContext, e.g. <c>purpose=gitlab-deploy-key,project=group/project</c>.</param>
/// <param name="ProjectPath">group/project, for the key comment and the OIDC trust policy.</param>
public sealed record CreateDeployKeyRequest(string RepositoryRoot, string KmsKeyId, string Context, string ProjectPath)
{
    /// <summary>DeployKey; relative paths are below <see cref="RepositoryRoot"/>.</summary>
    public string CiphertextFile { get; init; } = DeployKeyDefaults.CiphertextFile;
    public string ParametersFile { get; init; } = DeployKeyDefaults.ParametersFile;
    public bool Force { get; init; }

    /// <summary>The GitLab host (for the OIDC provider and ssh-keyscan), e.g. gitlab.example.com.</summary>
    public string GitLabHost { get; init; } = "gitlab.com";
    public string? SshHost { get; init; }
    public int SshPort { get; init; } = 22;
    public string DefaultBranch { get; init; } = "main";

    /// <summary>The CI role allowed to decrypt; a placeholder in the printed policies when unknown.</summary>
    public string? CiRoleArn { get; init; }
}
