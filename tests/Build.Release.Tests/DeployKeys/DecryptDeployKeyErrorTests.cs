using System.Diagnostics;
using Nuke.Common;
using GitLabRelease.DeployKeys;
using Fixtures.Kms;

namespace Release.Tests.DeployKeys;

/// <summary>One test per failure: each asserts the cause, the fix, and that no secret leaked into either or the log.</summary>
public sealed class DecryptDeployKeyErrorTests
{
    private static async Task<BuildException> FailsAsync(DeployKeyWorld world, DecryptDeployKeyRequest request, TestKey? key = null)
    {
        var e = await Assert.ThrowsAsync<BuildException>(() => world.Decryptor().DecryptAsync(request));
        Assert.False(string.IsNullOrWhiteSpace(e.Fix));
        if (key is not null)
        {
            DecryptDeployKeyTests.AssertNoSecretIn(e.ToString(), key);
            DecryptDeployKeyTests.AssertNoSecretIn(world.Log.Text, key);
        }
        Assert.Empty(world.SecretDirectoriesLeft());
        return e;
    }

    [Fact]
    public async Task Missing_ciphertext_file_says_to_run_CreateDeployKey()
    {
        await using var world = DeployKeyWorld.Create();
        var e = await FailsAsync(world, world.Request());
        Assert.Contains(world.CiphertextPath, e.Message);
        Assert.Contains("does not exist", e.Message);
        Assert.Contains("./build.sh CreateDeployKey", e.Fix);
        Assert.Equal(0, world.Kms.CountOf("Decrypt"));
    }

    [Fact]
    public async Task Wrong_context_names_the_context_used()
    {
        await using var world = DeployKeyWorld.Create();
        var key = await world.WriteTestKeyAsync(context: "purpose=gitlab-deploy-key,project=group/other");
        var e = await FailsAsync(world, world.Request(), key);
        Assert.Contains("InvalidCiphertextException", e.Message);
        Assert.Contains("'project=group/project,purpose=gitlab-deploy-key'", e.Message);
        Assert.Contains("DEPLOY_KEY_CONTEXT", e.Fix);
    }

    [Fact]
    public async Task Corrupt_ciphertext_is_InvalidCiphertext()
    {
        await using var world = DeployKeyWorld.Create();
        var key = await world.WriteTestKeyAsync(raw: true);
        var blob = await File.ReadAllBytesAsync(world.CiphertextPath);
        blob[^5] ^= 0x40;
        await File.WriteAllBytesAsync(world.CiphertextPath, blob);
        var e = await FailsAsync(world, world.Request(), key);
        Assert.Contains("corrupt", e.Message);
        Assert.Contains("InvalidCiphertextException", e.Message);
        Assert.Contains("CreateDeployKey --force", e.Fix);
    }

    [Fact]
    public async Task Ciphertext_under_another_key_is_IncorrectKey()
    {
        await using var world = DeployKeyWorld.Create();
        var other = world.Kms.CreateKey("other");
        var key = await world.WriteTestKeyAsync();
        var e = await FailsAsync(world, world.Request(keyId: other.Arn), key);
        Assert.Contains("IncorrectKeyException", e.Message);
        Assert.Contains(other.Arn, e.Message);
        Assert.Contains("KMS_KEY_ID", e.Fix);
    }

    [Fact]
    public async Task Access_denied_names_the_permission_and_key()
    {
        await using var world = DeployKeyWorld.Create();
        world.Kms.Deny(DeployKeyWorld.AccessKeyId);
        var key = await world.WriteTestKeyAsync();
        var e = await FailsAsync(world, world.Request(), key);
        Assert.Contains("AccessDeniedException", e.Message);
        Assert.Contains("kms:Decrypt", e.Message);
        Assert.Contains(world.Key.Arn, e.Message);
        Assert.Contains("kms:Decrypt", e.Fix);
        Assert.Contains("key policy", e.Fix);
    }

    [Fact]
    public async Task Unknown_key_is_NotFound_with_region()
    {
        await using var world = DeployKeyWorld.Create();
        var key = await world.WriteTestKeyAsync();
        var missing = $"arn:aws:kms:{KmsEmulator.DefaultRegion}:{KmsEmulator.Account}:key/{Guid.NewGuid()}";
        var e = await FailsAsync(world, world.Request(keyId: missing), key);
        Assert.Contains("NotFoundException", e.Message);
        Assert.Contains(missing, e.Message);
        Assert.Contains(KmsEmulator.DefaultRegion, e.Message);
        Assert.Contains("AWS_REGION", e.Fix);
    }

    [Fact]
    public async Task Disabled_key_says_how_to_enable_it()
    {
        await using var world = DeployKeyWorld.Create();
        var key = await world.WriteTestKeyAsync();
        world.Kms.SetState(world.Key.Id, EmulatedKeyState.Disabled);
        var e = await FailsAsync(world, world.Request(), key);
        Assert.Contains("DisabledException", e.Message);
        Assert.Contains("aws kms enable-key", e.Fix);
    }

    [Fact]
    public async Task Key_pending_deletion_says_how_to_cancel_it()
    {
        await using var world = DeployKeyWorld.Create();
        var key = await world.WriteTestKeyAsync();
        world.Kms.SetState(world.Key.Id, EmulatedKeyState.PendingDeletion);
        var e = await FailsAsync(world, world.Request(), key);
        Assert.Contains("KMSInvalidStateException", e.Message);
        Assert.Contains("pending deletion", e.Message);
        Assert.Contains("aws kms cancel-key-deletion", e.Fix);
    }

    [Fact]
    public async Task Throttling_fails_only_after_the_SDK_retried()
    {
        await using var world = DeployKeyWorld.Create();
        var key = await world.WriteTestKeyAsync();
        world.Kms.FailAlways("Decrypt", 400, "ThrottlingException");
        var e = await FailsAsync(world, world.Request(), key);
        Assert.Contains("throttled", e.Message);
        Assert.Contains("ThrottlingException", e.Message);
        Assert.Contains("quota", e.Fix);
        Assert.True(world.Kms.CountOf("Decrypt") > 1, $"the SDK should retry before giving up, saw {world.Kms.CountOf("Decrypt")} call(s)");
    }

    [Fact]
    public async Task Transient_throttling_is_absorbed_by_the_SDK_retries()
    {
        await using var world = DeployKeyWorld.Create();
        var key = await world.WriteTestKeyAsync();
        world.Kms.FailNext("Decrypt", 1, 400, "ThrottlingException");
        await using var decrypted = await world.Decryptor().DecryptAsync(world.Request());
        Assert.Equal(key.Fingerprint, decrypted.Fingerprint);
        Assert.Equal(2, world.Kms.CountOf("Decrypt"));
    }

    [Fact]
    public async Task Internal_errors_fail_after_retries_with_the_endpoint()
    {
        await using var world = DeployKeyWorld.Create();
        var key = await world.WriteTestKeyAsync();
        world.Kms.FailAlways("Decrypt", 500, "KMSInternalException");
        var e = await FailsAsync(world, world.Request(), key);
        Assert.Contains("500", e.Message);
        Assert.Contains(world.Kms.Url, e.Message);
        Assert.Contains("Retry", e.Fix);
        Assert.True(world.Kms.CountOf("Decrypt") > 1);
    }

    [Fact]
    public async Task Unreachable_KMS_names_the_endpoint()
    {
        await using var world = DeployKeyWorld.Create();
        var key = await world.WriteTestKeyAsync();
        var closed = $"http://127.0.0.1:{FreePort.Closed()}";
        world.Variables["AWS_ENDPOINT_URL_KMS"] = closed;
        var watch = Stopwatch.StartNew();
        var e = await FailsAsync(world, world.Request(), key);
        Assert.Contains("Could not reach KMS", e.Message);
        Assert.Contains(closed, e.Message);
        Assert.Contains("AWS_ENDPOINT_URL_KMS", e.Fix);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task No_region_says_to_set_AWS_REGION()
    {
        await using var world = DeployKeyWorld.Create();
        var key = await world.WriteTestKeyAsync();
        world.Variables.Remove("AWS_REGION");
        world.Variables["AWS_PROFILE"] = $"no-such-profile-{Guid.NewGuid():N}";
        var e = await FailsAsync(world, world.Request(keyId: world.Key.Id), key);
        Assert.Contains("No AWS region", e.Message);
        Assert.Contains("AWS_REGION", e.Fix);
        Assert.Equal(0, world.Kms.CountOf("Decrypt"));
    }

    [Fact]
    public async Task Region_comes_from_the_key_ARN_when_AWS_REGION_is_unset()
    {
        await using var world = DeployKeyWorld.Create();
        var key = await world.WriteTestKeyAsync();
        world.Variables.Remove("AWS_REGION");
        await using var decrypted = await world.Decryptor().DecryptAsync(world.Request());
        Assert.Equal(key.Fingerprint, decrypted.Fingerprint);
    }

    [Fact]
    public async Task Fingerprint_mismatch_stops_with_both_fingerprints_and_deletes_the_key()
    {
        await using var world = DeployKeyWorld.Create();
        var key = await world.WriteTestKeyAsync();
        var other = await TestKey.GenerateAsync(world.Scratch);
        var e = await FailsAsync(world, world.Request(fingerprint: other.Fingerprint), key);
        Assert.Contains(key.Fingerprint, e.Message);
        Assert.Contains(other.Fingerprint, e.Message);
        Assert.Contains("DEPLOY_KEY_FINGERPRINT", e.Fix);
    }

    [Fact]
    public async Task Plaintext_that_is_not_a_private_key_is_refused_without_echoing_it()
    {
        await using var world = DeployKeyWorld.Create();
        world.WriteCiphertext("just-some-secret-plaintext-value");
        var e = await FailsAsync(world, world.Request());
        Assert.Contains("not an OpenSSH private key", e.Message);
        Assert.Contains("CreateDeployKey --force", e.Fix);
        Assert.DoesNotContain("just-some-secret-plaintext-value", e.ToString());
        Assert.DoesNotContain("just-some-secret-plaintext-value", world.Log.Text);
    }

    [Fact]
    public async Task Missing_KmsKeyId_says_where_to_set_it()
    {
        await using var world = DeployKeyWorld.Create();
        await world.WriteTestKeyAsync();
        var e = await Assert.ThrowsAsync<BuildException>(() => world.Decryptor().DecryptAsync(world.Request() with { KmsKeyId = null }));
        Assert.Contains("KmsKeyId is not set", e.Message);
        Assert.Contains("KMS_KEY_ID", e.Fix);
    }
}
