namespace GitLabRelease.DeployKeys;

/// <param name="KmsKeyArn">The key's ARN as KMS reported it; stored as KmsKeyId.</param>
/// <param name="NextSteps">What to do in GitLab and AWS now, ready to print.</param>
public sealed record CreatedDeployKey(string CiphertextFile, string PublicKey, string Fingerprint, string KmsKeyArn, string NextSteps)
{
    /// <summary>The AWS setup files written beside the key, relative to the repository root.</summary>
    public AwsSetupFiles? AwsSetup { get; init; }
}
