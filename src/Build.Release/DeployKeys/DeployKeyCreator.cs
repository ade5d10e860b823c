using System.Text;
using Amazon.KeyManagementService.Model;
using Nuke.Common;
using Nuke.Common.Output;
using Nuke.Common.Tooling;
using GitLabRelease.Aws;
using Serilog;

namespace GitLabRelease.DeployKeys;

/// <summary>
/// CreateDeployKey: a new ed25519 key, generated in a private directory outside the work tree, encrypted
/// under KmsKeyId with the encryption context, written as base64 to the ciphertext file. Only the
/// ciphertext, the key id and the fingerprint reach the repository.
/// </summary>
public sealed class DeployKeyCreator(AwsOptions aws, SecretMasker masker, ILogger logger, SshKeyTool? ssh = null)
{
    private readonly SshKeyTool _ssh = ssh ?? new SshKeyTool(new ToolRunner(logger));

    public async Task<CreatedDeployKey> CreateAsync(CreateDeployKeyRequest request, AwsSession? session = null, CancellationToken cancellationToken = default)
    {
        var ciphertextFile = Path.GetFullPath(request.CiphertextFile, request.RepositoryRoot);
        var parametersFile = Path.GetFullPath(request.ParametersFile, request.RepositoryRoot);
        if (File.Exists(ciphertextFile) && !request.Force)
            throw new BuildException(
                $"{ciphertextFile} already exists; CreateDeployKey does not replace a deploy key silently.",
                $"Run {Spelling.Run("CreateDeployKey", "Force")} to replace it (then update the deploy key in GitLab), or DecryptDeployKey to use the existing one.");
        if (string.IsNullOrWhiteSpace(request.KmsKeyId))
            throw new BuildException("KmsKeyId is not set, so there is no key to encrypt the deploy key with.",
                $"Pass {Spelling.Option("KmsKeyId")} with the id, ARN or alias of a symmetric KMS key (to create one: {Spelling.Docs("aws-setup", "1. KMS key")}).");
        var context = EncryptionContext.Parse(request.Context);
        var contextText = EncryptionContext.Format(context);

        var ownedSession = session is null ? AwsSession.Start(aws, masker, logger) : null;
        try
        {
            await using var directory = SecretDirectory.Create("deploy-key-new", request.RepositoryRoot,
                aws.SecretDirectoryCandidates ?? SecretDirectory.DefaultCandidates(aws.Environment.Get));
            var keyFile = Path.Combine(directory.Path, "id_ed25519");
            await _ssh.GenerateEd25519Async(keyFile, $"deploy-key {request.ProjectPath}", cancellationToken);
            var privateKey = await File.ReadAllTextAsync(keyFile, cancellationToken);
            masker.Add(privateKey);
            var publicKey = await _ssh.PublicKeyAsync(keyFile, cancellationToken);
            var fingerprint = await _ssh.FingerprintAsync(keyFile, cancellationToken);

            using var kms = await (session ?? ownedSession!).ConnectKmsAsync(request.KmsKeyId, cancellationToken);
            EncryptResponse response;
            try
            {
                response = await kms.Client.EncryptAsync(new EncryptRequest
                {
                    KeyId = request.KmsKeyId,
                    Plaintext = new MemoryStream(Encoding.UTF8.GetBytes(privateKey)),
                    EncryptionContext = context,
                }, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw AwsErrors.Translate(e, new KmsCall("Encrypt", request.KmsKeyId, contextText, "the new deploy key", kms, masker));
            }

            CiphertextFile.Write(ciphertextFile, response.CiphertextBlob.ToArray());
            var keyArn = response.KeyId ?? request.KmsKeyId;
            ParametersFile.Merge(parametersFile, new Dictionary<string, string?>
            {
                ["KmsKeyId"] = keyArn,
                ["DeployKeyFingerprint"] = fingerprint,
            });
            logger.Information("Deploy key {Fingerprint:l} encrypted under {KeyArn:l} into {File:l}.", fingerprint, keyArn, ciphertextFile);

            var files = NextSteps.Write(request, keyArn, contextText);
            logger.Information("AWS setup written: {Provider:l}, {Trust:l}, {KeyPolicy:l}.", files.OidcProvider, files.RoleTrustPolicy, files.KmsKeyPolicy);
            var nextSteps = NextSteps.Render(new NextStepsInput(request, keyArn, publicKey, fingerprint, contextText,
                Path.GetRelativePath(request.RepositoryRoot, ciphertextFile), Path.GetRelativePath(request.RepositoryRoot, parametersFile), files));
            return new CreatedDeployKey(ciphertextFile, publicKey, fingerprint, keyArn, nextSteps) { AwsSetup = files };
        }
        finally
        {
            if (ownedSession is not null) await ownedSession.DisposeAsync();
        }
    }
}
