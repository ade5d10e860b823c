using GitLabRelease.DeployKeys;

namespace Release.Tests.DeployKeys;

public sealed class DecryptDeployKeyTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Holds_the_key_in_memory_only_and_writes_no_file(bool rawBlob)
    {
        await using var world = DeployKeyWorld.Create();
        var key = await world.WriteTestKeyAsync(raw: rawBlob);

        var decrypted = await world.Decryptor().DecryptAsync(world.Request(fingerprint: key.Fingerprint));
        try
        {
            Assert.Equal(key.Fingerprint, decrypted.Fingerprint);
            Assert.Equal(TestKey.KeyPart(key.PublicKey), TestKey.KeyPart(decrypted.PublicKey));
            Assert.Equal(key.PrivateKey.Replace("\r\n", "\n"), decrypted.Key.PrivateKey);
            Assert.Contains(decrypted.Fingerprint, world.Log.Text);
            Assert.DoesNotContain("PRIVATE KEY", decrypted.ToString());
            // Not in the secret directories, the work tree or any tmpfs: nowhere on disk at any moment after decrypting.
            Assert.Empty(world.SecretDirectoriesLeft());
            Assert.Empty(Fixtures.SecretScan.FilesContaining(KeyLines(key), world.RepositoryRoot));
        }
        finally
        {
            await decrypted.DisposeAsync();
        }

        AssertNoSecretIn(world.Log.Text, key);
        Assert.Equal(1, world.Kms.CountOf("Decrypt"));
    }

    private static IReadOnlyList<string> KeyLines(TestKey key) =>
        key.PrivateKey.Split("\n", StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("-----")).Skip(1).ToList(); // the first body line is the same for every ed25519 key

    [Fact]
    public async Task Registers_the_private_key_with_the_masker_before_returning()
    {
        await using var world = DeployKeyWorld.Create();
        var key = await world.WriteTestKeyAsync();

        await using var decrypted = await world.Decryptor().DecryptAsync(world.Request());

        var bodyLine = key.PrivateKey.Split('\n')[1];
        Assert.DoesNotContain(bodyLine, world.Masker.Mask($"oops: {key.PrivateKey}"));
        Assert.DoesNotContain(bodyLine, world.Masker.Mask($"line: {bodyLine}"));
    }

    [Fact]
    public async Task Falls_back_to_AWS_DEFAULT_REGION_without_writing_the_environment()
    {
        await using var world = DeployKeyWorld.Create();
        await world.WriteTestKeyAsync();
        world.Variables.Remove("AWS_REGION");
        world.Variables["AWS_DEFAULT_REGION"] = "eu-west-3";

        await using var decrypted = await world.Decryptor().DecryptAsync(world.Request(keyId: world.Key.Id));

        Assert.False(world.Variables.ContainsKey("AWS_REGION"));
        Assert.Contains("AWS_DEFAULT_REGION=eu-west-3", world.Log.Text);
        Assert.Contains("region eu-west-3", world.Log.Text);
    }

    [Fact]
    public async Task Logs_the_kind_of_credentials_and_warns_about_long_lived_keys_on_a_server_build()
    {
        await using var world = DeployKeyWorld.Create();
        await world.WriteTestKeyAsync();
        world.Variables["GITLAB_CI"] = "true";
        world.Variables["AWS_ACCESS_KEY_ID"] = "LONGLIVEDKEYEXAMPLE";
        world.Variables["AWS_SECRET_ACCESS_KEY"] = "long-lived-secret-never-logged";

        await using var decrypted = await world.Decryptor().DecryptAsync(world.Request());

        Assert.Contains("explicit credentials", world.Log.Text);
        Assert.Contains(world.Log.Lines, line => line.StartsWith("[Warning]") && line.Contains("Long-lived AWS access keys"));
        Assert.DoesNotContain("long-lived-secret-never-logged", world.Log.Text);
    }

    internal static UnixFileMode ModeOf(string path) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException("POSIX modes") : File.GetUnixFileMode(path);

    internal static void AssertNoSecretIn(string text, TestKey key)
    {
        Assert.DoesNotContain("PRIVATE KEY", text);
        foreach (var line in key.PrivateKey.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("-----")))
            Assert.DoesNotContain(line, text);
    }
}
