using System.Text;
using System.Text.Json;
using EndToEnd.Tests.Support;
using Fixtures;
using Fixtures.Kms;

namespace EndToEnd.Tests;

/// <summary>
/// The built build against moto_server, another KMS implementation, with boto3 (the reference client) on the
/// other side: what boto3 encrypts, DecryptDeployKey decrypts, and what CreateDeployKey encrypts, boto3 decrypts.
/// </summary>
[Collection(DeployKeyCollection.Name)]
public sealed class MotoInteropTests(MotoFixture moto, DeployKeyFixture keys)
    : IClassFixture<MotoFixture>
{
    private const string CreateKey = """
        import boto3
        print(boto3.client("kms").create_key(Description="deploy key")["KeyMetadata"]["Arn"])
        """;

    [SkippableFact]
    public async Task DecryptDeployKey_decrypts_a_raw_blob_boto3_encrypted_through_moto()
    {
        RequireMoto();
        var project = keys.NextProject("moto");
        var context = new Dictionary<string, string> { ["purpose"] = "gitlab-deploy-key", ["project"] = project };
        var environment = moto.KmsEnvironment();
        environment["E2E_PLAINTEXT"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(keys.DeployKey.PrivateKeyText));
        environment["E2E_CONTEXT"] = JsonSerializer.Serialize(context);
        var encrypt = await Boto3.RunAsync("""
            import base64, boto3, json, os
            kms = boto3.client("kms")
            arn = kms.create_key(Description="deploy key")["KeyMetadata"]["Arn"]
            blob = kms.encrypt(KeyId=arn, Plaintext=base64.b64decode(os.environ["E2E_PLAINTEXT"]),
                               EncryptionContext=json.loads(os.environ["E2E_CONTEXT"]))["CiphertextBlob"]
            print(arn)
            print(base64.b64encode(blob).decode())
            """, environment);
        Assert.True(encrypt.ExitCode == 0, encrypt.StandardError);
        var lines = encrypt.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var (keyArn, ciphertext) = (lines[0].Trim(), Convert.FromBase64String(lines[1].Trim()));
        using var tree = KeyWorkTree.Create(project, ciphertext, raw: true); // the raw blob form, the other test covers base64
        // A pipeline with moto's dummy long-lived keys in its environment: it works, and the build says to move to OIDC.
        var pipeline = tree.Pipeline();
        foreach (var (name, value) in moto.KmsEnvironment()) pipeline.Environment[name] = value;
        pipeline.Environment["KMS_KEY_ID"] = keyArn;
        pipeline.Environment["DEPLOY_KEY_FINGERPRINT"] = keys.DeployKey.Fingerprint;

        var result = await pipeline.RunAsync(["DecryptDeployKey"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Long-lived AWS access keys in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are used on this server build", result.Output);
        Assert.Contains(keys.DeployKey.Fingerprint, result.Output);
        Assert.Contains($"KMS {moto.Moto!.Url}", result.Output);
        Assert.True(ReleaseRepo.DecryptedIn(result.Output));
        Assert.Empty(Fixtures.SecretScan.FilesContaining(keys.Secrets()));
        SecretChecks.AssertNotIn(result, keys.Secrets());
    }

    [SkippableFact]
    public async Task CreateDeployKey_through_moto_writes_a_ciphertext_boto3_decrypts_with_the_context()
    {
        RequireMoto();
        var created = await Boto3.RunAsync(CreateKey, moto.KmsEnvironment());
        Assert.True(created.ExitCode == 0, created.StandardError);
        var keyArn = created.StandardOutput.Trim();
        using var tree = KeyWorkTree.Create(keys.NextProject("moto"));
        var laptop = new BuildProcess { Root = tree.Path };
        foreach (var (name, value) in moto.KmsEnvironment()) laptop.Environment[name] = value;
        laptop.Environment["CI"] = null; // a laptop, even when these tests run on CI

        var result = await laptop.RunAsync(["CreateDeployKey", "--kms-key-id", keyArn]);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var parameters = JsonDocument.Parse(await File.ReadAllTextAsync(tree.ParametersFile));
        var environment = moto.KmsEnvironment();
        environment["E2E_CIPHERTEXT"] = (await File.ReadAllTextAsync(tree.CiphertextFile)).Trim();
        environment["E2E_CONTEXT"] = JsonSerializer.Serialize(tree.DefaultContextPairs);
        var decrypt = await Boto3.RunAsync("""
            import base64, boto3, json, os
            out = boto3.client("kms").decrypt(CiphertextBlob=base64.b64decode(os.environ["E2E_CIPHERTEXT"]),
                                              EncryptionContext=json.loads(os.environ["E2E_CONTEXT"]))
            print(out["KeyId"])
            print(base64.b64encode(out["Plaintext"]).decode())
            """, environment);
        Assert.True(decrypt.ExitCode == 0, decrypt.StandardError);
        var lines = decrypt.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(keyArn, lines[0].Trim());
        var privateKey = Encoding.UTF8.GetString(Convert.FromBase64String(lines[1].Trim()));
        var (publicKey, fingerprint) = SshKeyFacts.Of(privateKey);
        Assert.Equal(fingerprint, parameters.RootElement.GetProperty("DeployKeyFingerprint").GetString());
        Assert.Contains(publicKey, result.Output);
        SecretChecks.AssertNotIn(result, SecretChecks.BodyLines(privateKey));
        Assert.Empty(tree.FilesContaining(SecretChecks.BodyLines(privateKey)));
    }

    private void RequireMoto()
    {
        if (moto.Moto is null) throw MissingTool.Skip($"moto_server is required: {moto.Missing}");
    }
}
