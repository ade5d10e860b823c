using Nuke.Common.Output;
using Nuke.Common;
using GitLabRelease.Aws;
using GitLabRelease.DeployKeys;
using Fixtures.Kms;

namespace Release.Tests.DeployKeys;

/// <summary>GitLab OIDC: the ID token goes to the strict STS from memory through the real SDK, then KMS as the assumed role.</summary>
public sealed class WebIdentityTests
{
    private const string RoleArn = $"arn:aws:iam::{KmsEmulator.Account}:role/gitlab-release";
    private const string GitLabUrl = "https://gitlab.example.com";
    private static readonly OidcIssuer Issuer = new(GitLabUrl);
    private static readonly string Token = Issuer.MintJobToken("my group/sub.group/Ünïcode project", "main", GitLabUrl, TimeSpan.FromHours(2));

    private static DeployKeyWorld OidcWorld()
    {
        var world = DeployKeyWorld.Create();
        world.Credentials = null;
        world.Variables["AWS_ROLE_ARN"] = RoleArn;
        world.Variables["AWS_ID_TOKEN"] = Token;
        world.Variables["CI_PROJECT_PATH"] = "my group/sub.group/Ünïcode project";
        world.Variables["CI_PIPELINE_ID"] = "987654";
        world.Variables["GITLAB_CI"] = "true";
        world.Kms.Sts.TrustGitLabProject(Issuer, "gitlab-release", "my group/sub.group/Ünïcode project", "main", GitLabUrl);
        return world;
    }

    [Fact]
    public async Task Decrypts_as_the_assumed_role_exchanging_the_token_from_memory_with_the_session_credentials_masked()
    {
        await using var world = OidcWorld();
        var key = await world.WriteTestKeyAsync();

        await using (var decrypted = await world.Decryptor().DecryptAsync(world.Request()))
        {
            Assert.Equal(key.Fingerprint, decrypted.Fingerprint);
            Assert.Null(world.Variables.GetValueOrDefault(AwsSession.TokenFileVariable)); // no token file, no variable pointing at one
            var sts = Assert.Single(world.Kms.Requests, r => r is { Service: "sts", Operation: "AssumeRoleWithWebIdentity" });
            Assert.Null(sts.AccessKeyId); // unsigned: the token is the credential
            var decrypt = Assert.Single(world.Kms.Requests, r => r.Operation == "Decrypt");
            Assert.StartsWith($"arn:aws:sts::{KmsEmulator.Account}:assumed-role/gitlab-release/gitlab-", decrypt.Principal);
            Assert.EndsWith("-987654", decrypt.Principal);
            Assert.Contains("exchanged with STS", world.Log.Text);
        }

        Assert.Empty(world.SecretDirectoriesLeft());
        Assert.DoesNotContain(Token, world.Log.Text);
        Assert.Equal(SecretMasker.Redacted, world.Masker.Mask(Token));
        Assert.NotEmpty(world.Kms.IssuedSecrets);
        foreach (var issued in world.Kms.IssuedSecrets)
        {
            Assert.DoesNotContain(issued, world.Log.Text);
            Assert.Equal(SecretMasker.Redacted, world.Masker.Mask(issued));
        }
        DecryptDeployKeyTests.AssertNoSecretIn(world.Log.Text, key);
    }

    [Fact]
    public async Task Replaces_an_invalid_session_name()
    {
        await using var world = OidcWorld();
        await world.WriteTestKeyAsync();
        world.Variables[AwsSession.SessionNameVariable] = "has spaces/and slashes";

        await using var decrypted = await world.Decryptor().DecryptAsync(world.Request());

        Assert.Contains(world.Log.Lines, l => l.StartsWith("[Warning]") && l.Contains("not a valid session name"));
        Assert.Contains(world.Kms.Requests, r => r.Operation == "Decrypt" && r.Principal!.Contains("/gitlab-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rejected_token_is_InvalidIdentityToken_with_the_OIDC_fix()
    {
        await using var world = OidcWorld();
        var key = await world.WriteTestKeyAsync();
        using var forger = new OidcIssuer(GitLabUrl);
        var forged = forger.MintJobToken("my group/sub.group/Ünïcode project", "main", GitLabUrl);
        world.Variables["AWS_ID_TOKEN"] = forged;

        var e = await Assert.ThrowsAsync<BuildException>(() => world.Decryptor().DecryptAsync(world.Request()));

        Assert.Contains("STS rejected the ID token", e.Message);
        Assert.Contains(RoleArn, e.Message);
        Assert.Contains("InvalidIdentityToken", e.Message);
        Assert.Contains("signature", e.Message);
        Assert.Contains("/oauth/discovery/keys", e.Fix);
        AssertCleanedUp(world, e, key, forged);
    }

    [Fact]
    public async Task Expired_token_says_to_retry_the_job()
    {
        await using var world = OidcWorld();
        var key = await world.WriteTestKeyAsync();
        var expired = Issuer.MintJobToken("my group/sub.group/Ünïcode project", "main", GitLabUrl, TimeSpan.FromMinutes(-1));
        world.Variables["AWS_ID_TOKEN"] = expired;

        var e = await Assert.ThrowsAsync<BuildException>(() => world.Decryptor().DecryptAsync(world.Request()));

        Assert.Contains("expired", e.Message);
        Assert.Contains("ExpiredTokenException", e.Message);
        Assert.Contains("Retry the job", e.Fix);
        AssertCleanedUp(world, e, key, expired);
    }

    [Fact]
    public async Task Role_without_kms_Decrypt_is_AccessDenied_naming_the_role()
    {
        await using var world = OidcWorld();
        var key = await world.WriteTestKeyAsync();
        world.Kms.Deny(RoleArn);

        var e = await Assert.ThrowsAsync<BuildException>(() => world.Decryptor().DecryptAsync(world.Request()));

        Assert.Contains("AccessDeniedException", e.Message);
        Assert.Contains(RoleArn, e.Message);
        Assert.Contains("kms:Decrypt", e.Fix);
        AssertCleanedUp(world, e, key, Token);
    }

    [Fact]
    public async Task Role_not_trusting_the_project_is_STS_AccessDenied_with_the_trust_policy_fix()
    {
        await using var world = OidcWorld();
        var key = await world.WriteTestKeyAsync();
        world.Variables["AWS_ROLE_ARN"] = $"arn:aws:iam::{KmsEmulator.Account}:role/some-other-role";

        var e = await Assert.ThrowsAsync<BuildException>(() => world.Decryptor().DecryptAsync(world.Request()));

        Assert.Contains("STS refused AssumeRoleWithWebIdentity", e.Message);
        Assert.Contains("some-other-role", e.Message);
        Assert.Contains("trust policy", e.Fix);
        AssertCleanedUp(world, e, key, Token);
    }

    [Fact]
    public async Task Role_ARN_without_a_token_warns_how_to_add_id_tokens()
    {
        await using var world = OidcWorld();
        world.Variables.Remove("AWS_ID_TOKEN");
        await using var session = AwsSession.Start(world.Options, world.Masker, world.Logger);
        Assert.False(session.UsesWebIdentity);
        Assert.Contains(world.Log.Lines, l => l.StartsWith("[Warning]") && l.Contains("id_tokens"));
    }

    private static void AssertCleanedUp(DeployKeyWorld world, BuildException e, TestKey key, string token)
    {
        Assert.DoesNotContain(token, e.ToString());
        Assert.DoesNotContain(token, world.Log.Text);
        DecryptDeployKeyTests.AssertNoSecretIn(world.Log.Text, key);
        Assert.Empty(world.SecretDirectoriesLeft());
        Assert.Null(world.Variables.GetValueOrDefault(AwsSession.TokenFileVariable));
    }
}
