namespace GitLabRelease.DeployKeys;

/// <summary>The contract's default locations, relative to the repository root.</summary>
public static class DeployKeyDefaults
{
    public const string CiphertextFile = ".nuke/deploy-key.enc";
    public const string ParametersFile = ".nuke/parameters.json";
    public const string IdTokenVariable = "AWS_ID_TOKEN";
    public const string AwsSetupDirectory = "artifacts/aws";
    public const string OidcProviderFile = "oidc-provider.json";
    public const string RoleTrustPolicyFile = "role-trust-policy.json";
    public const string KmsKeyPolicyFile = "kms-key-policy.json";
}
