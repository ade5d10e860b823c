using Nuke.Common;
using GitLabRelease.Aws;
using GitLabRelease.DeployKeys;
using Fixtures.Kms;

namespace Release.Tests.DeployKeys;

/// <summary>GitLab OIDC: the ID token goes to STS through the real SDK web identity credentials, then KMS as the assumed role.</summary>
public sealed class WebIdentityTests
{
    private const string RoleArn = $"arn:aws:iam::{KmsEmulator.Account}:role/gitlab-release";
    private const string Token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwcm9qZWN0X3BhdGgifQ.c2lnbmF0dXJlLXRoYXQtaXMtc2VjcmV0";

    private static DeployKeyWorld OidcWorld()
    {
        var world = DeployKeyWorld.Create();
        world.Credentials = null;
        world.Variables["AWS_ROLE_ARN"] = RoleArn;
        world.Variables["AWS_ID_TOKEN"] = Token;
        world.Variables["CI_PROJECT_PATH"] = "my group/sub.group/Ünïcode project";
        world.Variables["CI_PIPELINE_ID"] = "987654";
        world.Variables["GITLAB_CI"] = "true";
        world.Kms.TrustWebIdentity(RoleArn, Token);
        return world;
    }

    [Fact]
    public async Task Decrypts_as_the_assumed_role_with_a_0600_token_file_deleted_on_dispose()
    {
        await using var world = OidcWorld();
        var key = await world.WriteTestKeyAsync();

        var decrypted = await world.Decryptor().DecryptAsync(world.Request());
        var tokenFile = world.Variables[AwsSession.TokenFileVariable];
        try
        {
            Assert.Equal(key.Fingerprint, decrypted.Fingerprint);
            Assert.NotNull(tokenFile);
            Assert.True(Path.IsPathFullyQualified(tokenFile));
            Assert.False(SecretDirectory.IsInside(tokenFile, world.RepositoryRoot));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, DecryptDeployKeyTests.ModeOf(tokenFile));
            Assert.Equal(Token, await File.ReadAllTextAsync(tokenFile));
            var session = world.Variables[AwsSession.SessionNameVariable];
            Assert.True(SessionName.IsValid(session), session);
            Assert.EndsWith("-987654", session);
            Assert.Contains(world.Kms.Requests, r => r is { Service: "sts", Operation: "AssumeRoleWithWebIdentity" });
            Assert.Contains(world.Kms.Requests, r => r.Operation == "Decrypt" && r.Principal == $"arn:aws:sts::{KmsEmulator.Account}:assumed-role/gitlab-release/{session}");
            Assert.Contains("web identity", world.Log.Text);
        }
        finally
        {
            await decrypted.DisposeAsync();
        }

        Assert.False(File.Exists(tokenFile));
        Assert.Empty(world.SecretDirectoriesLeft());
        Assert.DoesNotContain(Token, world.Log.Text);
        Assert.DoesNotContain(Token.Split('.')[2], world.Masker.Mask("token " + Token));
        DecryptDeployKeyTests.AssertNoSecretIn(world.Log.Text, key);
    }

    [Fact]
    public async Task Replaces_an_invalid_session_name_that_would_silently_disable_web_identity()
    {
        await using var world = OidcWorld();
        await world.WriteTestKeyAsync();
        world.Variables[AwsSession.SessionNameVariable] = "has spaces/and slashes";

        await using var decrypted = await world.Decryptor().DecryptAsync(world.Request());

        Assert.True(SessionName.IsValid(world.Variables[AwsSession.SessionNameVariable]));
        Assert.Contains(world.Log.Lines, l => l.StartsWith("[Warning]") && l.Contains("not a valid session name"));
    }

    [Fact]
    public async Task Rejected_token_is_InvalidIdentityToken_with_the_OIDC_fix()
    {
        await using var world = OidcWorld();
        var key = await world.WriteTestKeyAsync();
        world.Variables["AWS_ID_TOKEN"] = "eyJ.not-the-trusted-token.sig";

        var e = await Assert.ThrowsAsync<BuildException>(() => world.Decryptor().DecryptAsync(world.Request()));

        Assert.Contains("STS rejected the GitLab ID token", e.Message);
        Assert.Contains(RoleArn, e.Message);
        Assert.Contains("InvalidIdentityToken", e.Message);
        Assert.Contains("trust policy", e.Fix);
        Assert.Contains("aud", e.Fix);
        AssertCleanedUp(world, e, key, "eyJ.not-the-trusted-token.sig");
    }

    [Fact]
    public async Task Expired_token_says_to_retry_the_job()
    {
        await using var world = OidcWorld();
        var key = await world.WriteTestKeyAsync();
        world.Kms.ExpireToken(Token);

        var e = await Assert.ThrowsAsync<BuildException>(() => world.Decryptor().DecryptAsync(world.Request()));

        Assert.Contains("expired", e.Message);
        Assert.Contains("ExpiredTokenException", e.Message);
        Assert.Contains("Retry the job", e.Fix);
        AssertCleanedUp(world, e, key, Token);
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
        Assert.Null(session.TokenFile);
        Assert.Contains(world.Log.Lines, l => l.StartsWith("[Warning]") && l.Contains("id_tokens"));
    }

    private static void AssertCleanedUp(DeployKeyWorld world, BuildException e, TestKey key, string token)
    {
        Assert.DoesNotContain(token, e.ToString());
        Assert.DoesNotContain(token, world.Log.Text);
        DecryptDeployKeyTests.AssertNoSecretIn(world.Log.Text, key);
        Assert.Empty(world.SecretDirectoriesLeft());
        Assert.Null(world.Variables[AwsSession.TokenFileVariable]);
    }
}
