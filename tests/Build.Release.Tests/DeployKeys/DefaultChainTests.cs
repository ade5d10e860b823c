using System.Diagnostics;
using Nuke.Common;

namespace Release.Tests.DeployKeys;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AwsProcessEnvironment
{
    public const string Name = "AWS process environment";
}

/// <summary>
/// The SDK's default credential chain reads the real process environment, so these tests set it (only
/// AWS_* variables, restored afterwards) and run alone. The build's end-to-end tests cover the same
/// through a child process.
/// </summary>
[Collection(AwsProcessEnvironment.Name)]
public sealed class DefaultChainTests
{
    private static readonly string[] Cleared =
    [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ROLE_ARN",
        "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_SESSION_NAME", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    ];

    [Fact]
    public async Task No_credentials_lists_what_was_tried_and_how_to_set_up_OIDC()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-aws-{Guid.NewGuid():N}");
        var set = new Dictionary<string, string?>
        {
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(missing, "credentials"),
            ["AWS_CONFIG_FILE"] = Path.Combine(missing, "config"),
        };
        foreach (var name in Cleared) set[name] = null;
        var saved = set.Keys.ToDictionary(name => name, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var (name, value) in set) Environment.SetEnvironmentVariable(name, value);
            await using var world = DeployKeyWorld.Create();
            await world.WriteTestKeyAsync();
            world.Credentials = null;

            var watch = Stopwatch.StartNew();
            var e = await Assert.ThrowsAsync<BuildException>(() => world.Decryptor().DecryptAsync(world.Request()));

            Assert.Contains("No AWS credentials found", e.Message);
            Assert.Contains("web identity (AWS_ROLE_ARN not set", e.Message);
            Assert.Contains("EC2 instance metadata", e.Message);
            Assert.Contains("AWS_ROLE_ARN", e.Fix);
            Assert.Contains("id_tokens", e.Fix);
            Assert.Equal(0, world.Kms.CountOf("Decrypt"));
            Assert.Empty(world.SecretDirectoriesLeft());
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        }
        finally
        {
            foreach (var (name, value) in saved) Environment.SetEnvironmentVariable(name, value);
        }
    }
}
