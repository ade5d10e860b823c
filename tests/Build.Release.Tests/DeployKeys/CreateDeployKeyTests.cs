using System.Text.Json;
using System.Text.Json.Nodes;
using Nuke.Common;
using GitLabRelease.DeployKeys;

namespace Release.Tests.DeployKeys;

public sealed class CreateDeployKeyTests
{
    private static CreateDeployKeyRequest Request(DeployKeyWorld world, bool force = false) =>
        new(world.RepositoryRoot, world.Key.Id, DeployKeyWorld.Context, DeployKeyWorld.ProjectPath)
        {
            Force = force, GitLabUrl = "https://gitlab.example.com", SshPort = 2222, IdTokenAudience = "https://gitlab.example.com",
            CiRoleArn = "arn:aws:iam::111122223333:role/gitlab-release",
        };

    [Fact]
    public async Task Creates_a_key_that_DecryptDeployKey_reads_back_and_stores_the_parameters()
    {
        await using var world = DeployKeyWorld.Create();
        var parameters = Path.Combine(world.RepositoryRoot, ".nuke", "parameters.json");
        Directory.CreateDirectory(Path.GetDirectoryName(parameters)!);
        await File.WriteAllTextAsync(parameters, """{ "$schema": "./build.schema.json", "TagPrefix": "release-" }""");

        var created = await world.Creator().CreateAsync(Request(world));

        Assert.Equal(world.CiphertextPath, created.CiphertextFile);
        var text = (await File.ReadAllTextAsync(created.CiphertextFile)).Trim();
        Assert.NotEmpty(Convert.FromBase64String(text));
        Assert.Equal(world.Key.Arn, created.KmsKeyArn);
        Assert.StartsWith("ssh-ed25519 ", created.PublicKey);

        var stored = JsonNode.Parse(await File.ReadAllTextAsync(parameters))!.AsObject();
        Assert.Equal("release-", (string?)stored["TagPrefix"]);
        Assert.Equal("./build.schema.json", (string?)stored["$schema"]);
        Assert.Equal(world.Key.Arn, (string?)stored["KmsKeyId"]);
        Assert.Equal(created.Fingerprint, (string?)stored["DeployKeyFingerprint"]);

        await using var decrypted = await world.Decryptor().DecryptAsync(world.Request(fingerprint: created.Fingerprint, keyId: (string?)stored["KmsKeyId"]));
        Assert.Equal(created.Fingerprint, decrypted.Fingerprint);
        Assert.Equal(TestKey.KeyPart(created.PublicKey), TestKey.KeyPart(decrypted.PublicKey));

        foreach (var file in Directory.EnumerateFiles(world.RepositoryRoot, "*", SearchOption.AllDirectories))
            Assert.DoesNotContain("PRIVATE KEY", await File.ReadAllTextAsync(file));
        Assert.DoesNotContain("PRIVATE KEY", world.Log.Text);
        Assert.Empty(world.SecretDirectoriesLeft()); // the new key file is gone, and the decrypted key never was one
    }

    [Fact]
    public async Task Next_steps_hold_the_public_key_fingerprint_keyscan_and_the_commands_for_the_three_AWS_files()
    {
        await using var world = DeployKeyWorld.Create();
        var created = await world.Creator().CreateAsync(Request(world));
        var steps = Nuke.Common.Spelling.Render(created.NextSteps); // as the build prints it

        Assert.Contains(created.PublicKey, steps);
        Assert.Contains(created.Fingerprint, steps);
        Assert.Contains("Settings > Repository > Deploy keys", steps);
        Assert.Contains("Grant write permissions to this key", steps);
        Assert.Contains("ssh-keyscan -t ed25519,rsa,ecdsa -p 2222 gitlab.example.com", steps);
        Assert.Contains("SSH_KNOWN_HOSTS", steps);

        var keyPolicy = NextSteps.KeyPolicy("111122223333", "arn:aws:iam::111122223333:role/gitlab-release", DeployKeyWorld.Context);
        var decrypt = keyPolicy["Statement"]!.AsArray().Single(s => (string?)s!["Action"] == "kms:Decrypt")!;
        Assert.Equal("arn:aws:iam::111122223333:role/gitlab-release", (string?)decrypt["Principal"]!["AWS"]);
        Assert.Equal("group/project", (string?)decrypt["Condition"]!["StringEquals"]!["kms:EncryptionContext:project"]);
        Assert.Equal("gitlab-deploy-key", (string?)decrypt["Condition"]!["StringEquals"]!["kms:EncryptionContext:purpose"]);
        var aws = Path.Combine(world.RepositoryRoot, "artifacts", "aws");
        var storedPolicy = NextSteps.KeyPolicy("111122223333", "arn:aws:iam::111122223333:role/gitlab-release", EncryptionContext.Format(EncryptionContext.Parse(DeployKeyWorld.Context)));
        Assert.Equal(storedPolicy.ToJsonString(), JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(aws, "kms-key-policy.json")))!.ToJsonString());

        var trust = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(aws, "role-trust-policy.json")))!;
        var statement = trust["Statement"]![0]!;
        Assert.Equal("arn:aws:iam::111122223333:oidc-provider/gitlab.example.com", (string?)statement["Principal"]!["Federated"]);
        var condition = statement["Condition"]!["StringEquals"]!;
        Assert.Equal("project_path:group/project:ref_type:branch:ref:main", (string?)condition["gitlab.example.com:sub"]);
        Assert.Equal("https://gitlab.example.com", (string?)condition["gitlab.example.com:aud"]);
        var provider = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(aws, "oidc-provider.json")))!;
        Assert.Equal("https://gitlab.example.com", (string?)provider["Url"]);
        Assert.Equal(["https://gitlab.example.com"], provider["ClientIDList"]!.AsArray().Select(c => (string)c!));

        Assert.Contains("aws iam create-open-id-connect-provider --cli-input-json file://artifacts/aws/oidc-provider.json", steps);
        Assert.Contains("aws iam create-role --role-name gitlab-release --assume-role-policy-document file://artifacts/aws/role-trust-policy.json", steps);
        Assert.Contains($"aws kms put-key-policy --key-id {world.Key.Arn} --policy-name default --policy file://artifacts/aws/kms-key-policy.json", steps);
        Assert.Contains("AWS_ROLE_ARN=arn:aws:iam::111122223333:role/gitlab-release", steps);
        Assert.Contains("aud: https://gitlab.example.com", steps);
        Assert.DoesNotContain("sts.amazonaws.com", steps);
    }

    [Fact]
    public async Task Refuses_to_overwrite_without_force_and_replaces_with_force()
    {
        await using var world = DeployKeyWorld.Create();
        var first = await world.Creator().CreateAsync(Request(world));
        var before = await File.ReadAllTextAsync(world.CiphertextPath);

        var e = await Assert.ThrowsAsync<BuildException>(() => world.Creator().CreateAsync(Request(world)));
        Assert.Contains("already exists", e.Message);
        Assert.Contains("--force", e.Fix);
        Assert.Equal(before, await File.ReadAllTextAsync(world.CiphertextPath));

        var second = await world.Creator().CreateAsync(Request(world, force: true));
        Assert.NotEqual(first.Fingerprint, second.Fingerprint);
        Assert.NotEqual(before, await File.ReadAllTextAsync(world.CiphertextPath));
        Assert.Empty(world.SecretDirectoriesLeft());
    }

    [Fact]
    public async Task Encrypt_denied_names_kms_Encrypt_and_writes_nothing()
    {
        await using var world = DeployKeyWorld.Create();
        world.Kms.Deny(DeployKeyWorld.AccessKeyId);
        var e = await Assert.ThrowsAsync<BuildException>(() => world.Creator().CreateAsync(Request(world)));
        Assert.Contains("kms:Encrypt", e.Message);
        Assert.Contains("kms:Encrypt", e.Fix);
        Assert.False(File.Exists(world.CiphertextPath));
        Assert.Empty(world.SecretDirectoriesLeft());
        Assert.DoesNotContain("PRIVATE KEY", e.ToString() + world.Log.Text);
    }
}
