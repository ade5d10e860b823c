namespace GitLabRelease.DeployKeys;

/// <param name="CiphertextFile">DeployKey: the KMS ciphertext, raw blob or base64 text.</param>
/// <param name="KmsKeyId">KmsKeyId: pinned on Decrypt so a ciphertext under another key is refused.</param>
/// <param name="Context">DeployKeyContext, e.g. <c>purpose=gitlab-deploy-key,project=group/project</c>.</param>
/// <param name="ExpectedFingerprint">DeployKeyFingerprint: when set, a different key stops the build.</param>
public sealed record DecryptDeployKeyRequest(string CiphertextFile, string? KmsKeyId, string Context, string? ExpectedFingerprint = null);
