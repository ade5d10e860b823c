using System.Text;
using Amazon.KeyManagementService.Model;
using Nuke.Common;
using Nuke.Common.Output;
using Nuke.Common.Tooling;
using GitLabRelease.Aws;
using GitLabRelease.Ssh;
using Serilog;

namespace GitLabRelease.DeployKeys;

/// <summary>DecryptDeployKey: KMS ciphertext in the repository → the private key in memory (never a file), masked.</summary>
public sealed class DeployKeyDecryptor(AwsOptions aws, SecretMasker masker, ILogger logger, SshKeyTool? ssh = null)
{
    private readonly SshKeyTool _ssh = ssh ?? new SshKeyTool(new ToolRunner(logger));

    /// <param name="session">An AWS session the build started earlier; when null one is started and owned by the result.</param>
    public async Task<DecryptedDeployKey> DecryptAsync(DecryptDeployKeyRequest request, AwsSession? session = null, CancellationToken cancellationToken = default)
    {
        var ciphertext = CiphertextFile.Read(request.CiphertextFile);
        var keyId = request.KmsKeyId is { Length: > 0 } id ? id : throw new BuildException(
            "KmsKeyId is not set, so the deploy key cannot be decrypted.",
            $"Set {Spelling.Parameter("KmsKeyId")} or KmsKeyId in .nuke/parameters.json ({Spelling.Run("CreateDeployKey")} stores it there).");
        var context = EncryptionContext.Parse(request.Context);
        var contextText = EncryptionContext.Format(context);

        var ownedSession = session is null ? AwsSession.Start(aws, masker, logger) : null;
        var activeSession = session ?? ownedSession!;
        try
        {
            var plaintext = await DecryptAsync(activeSession, ciphertext, keyId, context, contextText, request.CiphertextFile, cancellationToken);
            var publicKey = await _ssh.PublicKeyFromTextAsync(plaintext, cancellationToken);
            var fingerprint = await _ssh.FingerprintOfPublicKeyAsync(publicKey, cancellationToken);
            logger.Information("Deploy key decrypted (in memory only): {Fingerprint:l} ({Type:l}).", fingerprint, publicKey.Split(' ')[0]);

            if (request.ExpectedFingerprint is { Length: > 0 } expected && !SshKeyTool.SameFingerprint(expected, fingerprint))
                throw new BuildException(
                    $"The decrypted deploy key has fingerprint {fingerprint}, but DeployKeyFingerprint expects {expected.Trim()}.",
                    $"If the key was re-created on purpose, set {Spelling.Parameter("DeployKeyFingerprint")} (or DeployKeyFingerprint in .nuke/parameters.json) to {fingerprint}; " +
                    $"otherwise restore the committed {Path.GetFileName(request.CiphertextFile)} that matches the deploy key registered in GitLab.");

            return new DecryptedDeployKey(new SshDeployKey(plaintext, publicKey, fingerprint), ownedSession);
        }
        catch
        {
            if (ownedSession is not null) await ownedSession.DisposeAsync();
            throw;
        }
    }

    private async Task<string> DecryptAsync(AwsSession session, byte[] ciphertext, string keyId, Dictionary<string, string> context,
        string contextText, string subject, CancellationToken cancellationToken)
    {
        using var kms = await session.ConnectKmsAsync(keyId, cancellationToken);
        DecryptResponse response;
        try
        {
            response = await kms.Client.DecryptAsync(new DecryptRequest
            {
                CiphertextBlob = new MemoryStream(ciphertext),
                KeyId = keyId,
                EncryptionContext = context,
            }, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw AwsErrors.Translate(e, new KmsCall("Decrypt", keyId, contextText, subject, kms, masker));
        }

        var bytes = response.Plaintext.ToArray();
        var text = Encoding.UTF8.GetString(bytes);
        masker.Add(text);
        Array.Clear(bytes);
        response.Plaintext.SetLength(0);

        if (!text.Contains("-----BEGIN", StringComparison.Ordinal) || !text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
            throw new BuildException(
                $"KMS decrypted {subject}, but the plaintext is not an OpenSSH private key.",
                $"Re-create the deploy key with {Spelling.Run("CreateDeployKey", "Force")}; it encrypts an OpenSSH private key.");
        // ssh-keygen and libcrypto reject a PEM body without its final newline or with CRLF line ends.
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        return text.EndsWith('\n') ? text : text + "\n";
    }
}
