using EndToEnd.Tests.Support;
using Fixtures.Kms;

namespace EndToEnd.Tests;

/// <summary>
/// Every failure row of the deploy-key issue, each as a whole GitLab pipeline job (`DecryptDeployKey`) of the
/// built build with the real SDK in its own process: non-zero exit, the cause and the fix in the output, no
/// secret printed, no key or token file left behind.
/// </summary>
[Collection(DeployKeyCollection.Name)]
public sealed class DeployKeyErrorTests(DeployKeyFixture fixture)
{
    /// <summary>One row: how the pipeline is broken, and what the build must say about it.</summary>
    private sealed record Case(Action<BuildProcess> Break, string[] Cause, string[] Fix, Action<KeyWorkTree>? Tree = null);

    [Theory]
    [InlineData("missing ciphertext file")]
    [InlineData("wrong encryption context")]
    [InlineData("corrupt ciphertext")]
    [InlineData("wrong key")]
    [InlineData("access denied")]
    [InlineData("disabled key")]
    [InlineData("key pending deletion")]
    [InlineData("key not found")]
    [InlineData("throttling")]
    [InlineData("KMS unreachable")]
    [InlineData("no credentials")]
    [InlineData("rejected web-identity token")]
    [InlineData("expired web-identity token")]
    [InlineData("wrong-audience web-identity token")]
    [InlineData("no region")]
    [InlineData("ID token echoed in an STS error")]
    [InlineData("session token echoed in a KMS error")]
    public async Task DecryptDeployKey_fails_with_cause_and_fix(string row)
    {
        var project = fixture.NextProject("errors");
        var key = fixture.Key;
        if (row is "disabled key" or "key pending deletion")
        {
            key = fixture.Kms.CreateKey(row);
            fixture.Kms.SetState(key.Id, row == "disabled key" ? EmulatedKeyState.Disabled : EmulatedKeyState.PendingDeletion);
        }
        var ciphertext = row == "missing ciphertext file" ? null : fixture.EncryptDeployKey(key.Id, project);
        if (row == "corrupt ciphertext")
            for (var i = ciphertext!.Length / 2; i < ciphertext.Length / 2 + 8; i++) ciphertext[i] ^= 0x5A;
        using var tree = KeyWorkTree.Create(project, ciphertext);
        var build = fixture.OidcPipeline(tree, key.Id);
        var closedPort = FreePort.Closed();
        var unknownKey = Guid.NewGuid().ToString();
        var expected = row switch
        {
            // Without the file, PushWith=auto would push with the job token: the deploy key is asked for by name.
            "missing ciphertext file" => new Case(b => b.Environment["PUSH_WITH"] = "deploy-key", [tree.CiphertextFile, "does not exist"], ["CreateDeployKey --kms-key-id"]),
            "wrong encryption context" => new Case(b => b.Environment["DEPLOY_KEY_CONTEXT"] = "purpose=gitlab-deploy-key,project=group/renamed",
                ["InvalidCiphertextException", "'project=group/renamed,purpose=gitlab-deploy-key'"], ["DEPLOY_KEY_CONTEXT", "CreateDeployKey --force"]),
            "corrupt ciphertext" => new Case(_ => { }, ["InvalidCiphertextException", "corrupt"], ["CreateDeployKey --force"]),
            "wrong key" => new Case(b => b.Environment["KMS_KEY_ID"] = fixture.OtherKey.Id,
                ["IncorrectKeyException", fixture.OtherKey.Id], ["KMS_KEY_ID"]),
            "access denied" => new Case(b =>
                {
                    b.Environment["AWS_ROLE_ARN"] = DeployKeyFixture.DeniedRoleArn;
                    b.Environment["AWS_ID_TOKEN"] = fixture.DeniedRoleToken;
                },
                ["AccessDeniedException", "kms:Decrypt", key.Id, DeployKeyFixture.DeniedRoleArn], [$"Allow kms:Decrypt on {key.Id}", "key policy"]),
            "disabled key" => new Case(_ => { }, ["DisabledException", key.Id, "is disabled"], [$"aws kms enable-key --key-id {key.Id}"]),
            "key pending deletion" => new Case(_ => { }, ["KMSInvalidStateException", "pending deletion", key.Id], [$"aws kms cancel-key-deletion --key-id {key.Id}"]),
            "key not found" => new Case(b => b.Environment["KMS_KEY_ID"] = unknownKey,
                ["NotFoundException", $"'{unknownKey}' does not exist in region {KmsEmulator.DefaultRegion}"], ["AWS_REGION", "full ARN"]),
            "throttling" => new Case(_ => fixture.Kms.FailAlways("Decrypt", 400, "ThrottlingException"),
                ["ThrottlingException", "retries did not get through"], ["Retry the job later", "quota"]),
            "KMS unreachable" => new Case(b => b.Environment["AWS_ENDPOINT_URL_KMS"] = $"http://127.0.0.1:{closedPort}",
                [$"Could not reach KMS at http://127.0.0.1:{closedPort}"], ["AWS_ENDPOINT_URL_KMS", "HTTPS_PROXY"]),
            "no credentials" => new Case(b =>
                {
                    b.Environment["AWS_ROLE_ARN"] = null;
                    b.Environment["AWS_ID_TOKEN"] = null;
                },
                ["No AWS credentials found", "web identity (AWS_ROLE_ARN not set, AWS_ID_TOKEN not set)", "EC2 instance metadata"],
                ["AWS_ROLE_ARN", "id_tokens: { AWS_ID_TOKEN: { aud: https://gitlab.example.test } }"]),
            "rejected web-identity token" => new Case(b => b.Environment["AWS_ID_TOKEN"] = fixture.UntrustedToken,
                ["STS rejected the ID token", DeployKeyFixture.RoleArn, "InvalidIdentityToken", "signature"], ["identity provider", "/oauth/discovery/keys"]),
            "expired web-identity token" => new Case(b => b.Environment["AWS_ID_TOKEN"] = fixture.ExpiredToken,
                ["expired", "ExpiredTokenException", DeployKeyFixture.RoleArn], ["Retry the job", "fresh ID token"]),
            "wrong-audience web-identity token" => new Case(b => b.Environment["AWS_ID_TOKEN"] = fixture.WrongAudienceToken,
                ["STS rejected", "audience is not in the ClientIDList", "InvalidIdentityToken"], ["IdTokenAudience", "add-client-id-to-open-id-connect-provider"]),
            "no region" => new Case(b =>
                {
                    b.Environment["AWS_REGION"] = null;
                    b.Environment["AWS_DEFAULT_REGION"] = null;
                },
                ["No AWS region is configured", "AWS_REGION is not set"], ["Set the CI/CD variable AWS_REGION", "full ARN"]),
            "ID token echoed in an STS error" => new Case(_ => fixture.Kms.FailNextEchoing("AssumeRoleWithWebIdentity", 10, 400, "InvalidIdentityToken"),
                ["STS rejected the ID token", "InvalidIdentityToken", "the request was: ", "WebIdentityToken=[REDACTED]"], ["identity provider"]),
            "session token echoed in a KMS error" => new Case(_ => fixture.Kms.FailNextEchoing("Decrypt", 10, 400, "ValidationException"),
                ["ValidationException", "the request was: ", "X-Amz-Security-Token: [REDACTED]"], ["aws-setup.md#troubleshooting"]),
            _ => throw new ArgumentOutOfRangeException(nameof(row), row, null),
        };
        expected.Break(build);
        var decryptsBefore = fixture.Kms.CountOf("Decrypt");

        BuildResult result;
        try
        {
            result = await build.RunAsync(["DecryptDeployKey"], TimeSpan.FromMinutes(1));
        }
        finally
        {
            fixture.Kms.ClearFaults();
        }

        Assert.True(result.ExitCode != 0, result.ToString());
        var failure = FailureBlock(result.Output);
        foreach (var cause in expected.Cause) Assert.True(failure.Cause.Contains(cause, StringComparison.Ordinal), $"cause lacks '{cause}':\n{result}");
        foreach (var fix in expected.Fix) Assert.True(failure.Fix.Contains(fix, StringComparison.Ordinal), $"fix lacks '{fix}':\n{result}");
        if (row == "throttling")
            Assert.True(fixture.Kms.CountOf("Decrypt") - decryptsBefore > 1, "the SDK should retry a throttled Decrypt before the build gives up");
        Assert.False(ReleaseRepo.DecryptedIn(result.Output));
        Assert.Empty(Fixtures.SecretScan.FilesContaining(fixture.Secrets(), tree.Path));
        // The STS session credentials too: the KMS echo row quotes the session token back.
        SecretChecks.AssertNotIn(result, fixture.Secrets().Concat(fixture.Kms.IssuedSecrets));
        Assert.Empty(SecretChecks.LeftoverFilesContaining(fixture.Secrets()));
        Assert.Empty(tree.FilesContaining(fixture.Secrets()));
    }

    /// <summary>The target's failure as printed: "DecryptDeployKey failed: CAUSE" then "  Fix: FIX".</summary>
    private static (string Cause, string Fix) FailureBlock(string output)
    {
        const string marker = "DecryptDeployKey failed: ";
        var start = output.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no '{marker}' in:\n{output}");
        var fixStart = output.IndexOf("Fix: ", start, StringComparison.Ordinal);
        Assert.True(fixStart >= 0, $"no fix after the failure in:\n{output}");
        var fixEnd = output.IndexOf('\n', fixStart);
        return (output[(start + marker.Length)..fixStart], output[(fixStart + 5)..(fixEnd < 0 ? output.Length : fixEnd)]);
    }
}
