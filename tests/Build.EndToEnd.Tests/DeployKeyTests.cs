using System.Text;
using System.Text.Json;
using EndToEnd.Tests.Support;
using Fixtures.Kms;

namespace EndToEnd.Tests;

/// <summary>
/// The deploy key's life through the built build: CreateDeployKey on a laptop (long-lived keys, alias), then
/// DecryptDeployKey in a GitLab pipeline through OIDC, both against KMS/STS emulated on 127.0.0.1.
/// </summary>
[Collection(DeployKeyCollection.Name)]
public sealed class DeployKeyTests(DeployKeyFixture fixture)
{
    [Fact]
    public async Task CreateDeployKey_encrypts_a_new_key_that_a_pipeline_decrypts_through_OIDC_and_refuses_to_overwrite_it()
    {
        using var tree = KeyWorkTree.Create(fixture.NextProject("create"));
        var alias = $"alias/deploy-{Guid.NewGuid():N}";
        fixture.Kms.CreateAlias(alias, fixture.Key.Id);

        var create = await fixture.Laptop(tree).RunAsync(["CreateDeployKey", "--kms-key-id", alias]);

        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.True(File.Exists(tree.CiphertextFile), create.ToString());
        using var parameters = JsonDocument.Parse(await File.ReadAllTextAsync(tree.ParametersFile));
        Assert.Equal(fixture.Key.Arn, parameters.RootElement.GetProperty("KmsKeyId").GetString());
        var storedFingerprint = parameters.RootElement.GetProperty("DeployKeyFingerprint").GetString()!;

        // What KMS holds is the key the build printed: decrypt it the way the CI role would, with the project's context.
        var ciphertext = Convert.FromBase64String((await File.ReadAllTextAsync(tree.CiphertextFile)).Trim());
        var privateKey = Encoding.UTF8.GetString(await KmsWire.DecryptAsync(fixture.Kms.Url, ciphertext, tree.DefaultContextPairs));
        Assert.StartsWith("-----BEGIN OPENSSH", privateKey); // the full header line would read as a committed key to secret scanners
        var (publicKey, fingerprint) = SshKeyFacts.Of(privateKey);
        Assert.StartsWith("ssh-ed25519 ", publicKey);
        Assert.Equal(fingerprint, storedFingerprint);
        Assert.Contains(publicKey, create.Output);
        Assert.Contains(fingerprint, create.Output);
        Assert.Contains("Grant write permissions to this key", create.Output);
        Assert.Contains("with access keys from environment variables", create.Output); // the kind of credentials, never their values
        Assert.Contains("ssh-keyscan -t ed25519,rsa,ecdsa gitlab.example.test", create.Output); // the host of origin
        var aws = System.IO.Path.Combine(tree.Path, "artifacts", "aws");
        var keyPolicy = await File.ReadAllTextAsync(System.IO.Path.Combine(aws, "kms-key-policy.json"));
        Assert.Contains("\"kms:Decrypt\"", keyPolicy);
        Assert.Contains($"\"kms:EncryptionContext:project\": \"{tree.Project}\"", keyPolicy);
        var trust = await File.ReadAllTextAsync(System.IO.Path.Combine(aws, "role-trust-policy.json"));
        Assert.Contains("\"sts:AssumeRoleWithWebIdentity\"", trust);
        Assert.Contains($"project_path:{tree.Project}:ref_type:branch:ref:main", trust);
        Assert.Contains("file://artifacts/aws/kms-key-policy.json", create.Output);

        var secrets = fixture.Secrets(privateKey).ToList();
        SecretChecks.AssertNotIn(create, secrets);
        Assert.Empty(tree.FilesContaining(SecretChecks.BodyLines(privateKey)));
        Assert.Empty(SecretChecks.LeftoverFilesContaining(SecretChecks.BodyLines(privateKey)));

        var again = await fixture.Laptop(tree).RunAsync(["CreateDeployKey", "--kms-key-id", alias]);

        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("already exists", again.Output);
        Assert.Contains("--force", again.Output);
        Assert.Equal(ciphertext, Convert.FromBase64String((await File.ReadAllTextAsync(tree.CiphertextFile)).Trim()));

        // The pipeline: KmsKeyId and the pinned fingerprint come from .nuke/parameters.json, credentials from GitLab OIDC.
        tree.Repo.Git("add", "-A");
        tree.Repo.Commit("Add the encrypted deploy key");
        var pipeline = fixture.OidcPipeline(tree);
        pipeline.Environment.Remove("KMS_KEY_ID");
        var decrypt = await pipeline.RunAsync(["DecryptDeployKey"]);

        Assert.True(decrypt.ExitCode == 0, decrypt.ToString());
        Assert.Contains(fingerprint, decrypt.Output);
        Assert.Contains($"web identity (GitLab OIDC) for role {DeployKeyFixture.RoleArn}", decrypt.Output);
        Assert.Contains(fixture.Kms.Requests, r => r.Operation == "Decrypt" && r.Principal?.Contains(":assumed-role/gitlab-release/", StringComparison.Ordinal) == true);
        Assert.True(ReleaseRepo.DecryptedIn(decrypt.Output), decrypt.ToString());
        Assert.Empty(Fixtures.SecretScan.FilesContaining(secrets, tree.Path));
        SecretChecks.AssertNotIn(decrypt, secrets);
        Assert.Empty(tree.FilesContaining(secrets));
        Assert.Empty(SecretChecks.LeftoverFilesContaining(secrets));
    }

    [Fact]
    public async Task A_pipeline_configured_the_CLI_way_still_decrypts_through_OIDC()
    {
        var project = fixture.NextProject("cliway");
        using var tree = KeyWorkTree.Create(project, fixture.EncryptDeployKey(fixture.Key.Id, project));
        var pipeline = fixture.OidcPipeline(tree);
        // What teams copy from the AWS CLI: the SDK reads neither AWS_DEFAULT_REGION nor a session name with spaces
        // (it would silently drop web identity), so the build maps the region and replaces the session name.
        pipeline.Environment["AWS_REGION"] = null;
        pipeline.Environment["AWS_DEFAULT_REGION"] = KmsEmulator.DefaultRegion;
        pipeline.Environment["AWS_ROLE_SESSION_NAME"] = "release job #4242";
        pipeline.Environment["DEPLOY_KEY_FINGERPRINT"] = fixture.DeployKey.Fingerprint;
        // A hostile runner: the common variable name DEPLOY_KEY holds another private key. It is not a parameter
        // (the path is DEPLOY_KEY_FILE), so it is neither read (a key as a path would be refused) nor printed.
        var unrelated = HostileKey();
        pipeline.Environment["DEPLOY_KEY"] = unrelated;

        var result = await pipeline.RunAsync(["DecryptDeployKey"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"using AWS_DEFAULT_REGION={KmsEmulator.DefaultRegion}", result.Output);
        Assert.Contains("'release job #4242' is not a valid session name", result.Output);
        var session = $"gitlab-{project.Replace('/', '-')}-4242";
        Assert.Contains(fixture.Kms.Requests, r => r.Operation == "Decrypt" && r.Principal?.EndsWith($":assumed-role/gitlab-release/{session}", StringComparison.Ordinal) == true);
        Assert.Contains(fixture.DeployKey.Fingerprint, result.Output);
        Assert.True(ReleaseRepo.DecryptedIn(result.Output));
        Assert.Empty(Fixtures.SecretScan.FilesContaining(fixture.Secrets()));
        SecretChecks.AssertNotIn(result, fixture.Secrets().Concat(SecretChecks.BodyLines(unrelated)));
        Assert.Empty(SecretChecks.LeftoverFilesContaining(fixture.Secrets()));
    }

    [Fact]
    public async Task A_private_key_in_DEPLOY_KEY_FILE_is_refused_without_printing_or_logging_any_of_it()
    {
        var project = fixture.NextProject("keyaspath");
        using var tree = KeyWorkTree.Create(project, fixture.EncryptDeployKey(fixture.Key.Id, project));
        var pipeline = fixture.OidcPipeline(tree);
        var key = HostileKey();
        pipeline.Environment["DEPLOY_KEY_FILE"] = key;
        var decryptsBefore = fixture.Kms.Requests.Count(r => r.Operation == "Decrypt");

        var result = await pipeline.RunAsync(["DecryptDeployKey"]);

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("Parameter DeployKeyFile is a file path, but environment variable DEPLOY_KEY_FILE holds a private key (not shown)", result.Output);
        Assert.Contains("to the path of the file", result.Output);
        Assert.Equal(decryptsBefore, fixture.Kms.Requests.Count(r => r.Operation == "Decrypt")); // refused before anything runs
        SecretChecks.AssertNotIn(result, SecretChecks.BodyLines(key).Concat(fixture.Secrets()));
        Assert.Empty(tree.FilesContaining(SecretChecks.BodyLines(key)));
    }

    /// <summary>A private key the runner holds for something else; its file is deleted at once, the text is all the test needs.</summary>
    private static string HostileKey()
    {
        var directory = Fixtures.Git.GitRepo.NewTempDirectory("e2e-hostile-key");
        try { return Fixtures.Ssh.SshKeyPair.Generate(directory, "runner-key").PrivateKeyText; }
        finally { Directory.Delete(directory, recursive: true); }
    }

    [Fact]
    public async Task A_key_that_does_not_match_the_pinned_fingerprint_stops_the_build_and_is_deleted()
    {
        var project = fixture.NextProject("swapped");
        using var tree = KeyWorkTree.Create(project, fixture.EncryptDeployKey(fixture.Key.Id, project));
        var pipeline = fixture.OidcPipeline(tree);
        const string pinned = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU";
        pipeline.Environment["DEPLOY_KEY_FINGERPRINT"] = pinned;

        var result = await pipeline.RunAsync(["DecryptDeployKey"]);

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains($"has fingerprint {fixture.DeployKey.Fingerprint}, but DeployKeyFingerprint expects {pinned}", result.Output);
        Assert.Contains($"DEPLOY_KEY_FINGERPRINT (or DeployKeyFingerprint in .nuke/parameters.json) to {fixture.DeployKey.Fingerprint}", result.Output);
        Assert.True(ReleaseRepo.DecryptedIn(result.Output)); // it was decrypted, then refused
        Assert.Empty(Fixtures.SecretScan.FilesContaining(fixture.Secrets()));
        SecretChecks.AssertNotIn(result, fixture.Secrets());
        Assert.Empty(SecretChecks.LeftoverFilesContaining(fixture.Secrets()));
    }
}
