using System.Text;
using Amazon.Runtime;
using Nuke.Common.Output;
using GitLabRelease.Aws;
using GitLabRelease.DeployKeys;
using Fixtures.Kms;
using Serilog;

namespace Release.Tests.DeployKeys;

/// <summary>
/// One test's world: a work tree, a secrets directory outside it, a KMS/STS emulator on 127.0.0.1, an
/// environment of its own and a log that keeps every line.
/// </summary>
public sealed class DeployKeyWorld : IAsyncDisposable
{
    public const string ProjectPath = "group/project";
    public const string Context = "purpose=gitlab-deploy-key,project=group/project";
    public const string AccessKeyId = "AKIAEMULATEDTESTKEY";

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"deploykey-test-{Guid.NewGuid():N}");

    private DeployKeyWorld(KmsEmulator kms)
    {
        Kms = kms;
        Directory.CreateDirectory(RepositoryRoot);
        Directory.CreateDirectory(SecretsParent);
        Directory.CreateDirectory(Scratch);
        Variables = new Dictionary<string, string?>
        {
            ["AWS_REGION"] = KmsEmulator.DefaultRegion,
            ["AWS_ENDPOINT_URL_KMS"] = kms.Url,
            ["AWS_ENDPOINT_URL_STS"] = kms.Url,
            ["CI_PROJECT_PATH"] = ProjectPath,
        };
        Key = kms.CreateKey("deploy key");
    }

    public static DeployKeyWorld Create() => new(KmsEmulator.Start());

    public KmsEmulator Kms { get; }
    public EmulatedKey Key { get; }
    public string RepositoryRoot => Path.Combine(_root, "repo");
    public string SecretsParent => Path.Combine(_root, "secrets");
    public string Scratch => Path.Combine(_root, "scratch");
    public string CiphertextPath => Path.Combine(RepositoryRoot, ".nuke", "deploy-key.enc");
    public Dictionary<string, string?> Variables { get; }
    public SecretMasker Masker { get; } = new();
    public LogCapture Log { get; } = new();
    public AWSCredentials? Credentials { get; set; } = new BasicAWSCredentials(AccessKeyId, "emulated-secret-key");

    public AwsOptions Options => new()
    {
        Environment = AwsEnvironment.From(Variables),
        // What the build's component passes from the GitLab host; the tests keep them with the other variables.
        IsServerBuild = Variables.GetValueOrDefault("GITLAB_CI") == "true",
        ProjectPath = Variables.GetValueOrDefault("CI_PROJECT_PATH"),
        PipelineId = Variables.GetValueOrDefault("CI_PIPELINE_ID"),
        RepositoryRoot = RepositoryRoot,
        Credentials = Credentials,
        SecretDirectoryCandidates = [SecretsParent],
    };

    public ILogger Logger => Log.Logger;

    public DeployKeyDecryptor Decryptor() => new(Options, Masker, Logger);
    public DeployKeyCreator Creator() => new(Options, Masker, Logger);

    public DecryptDeployKeyRequest Request(string? context = null, string? fingerprint = null, string? keyId = null) =>
        new(CiphertextPath, keyId ?? Key.Arn, context ?? Context, fingerprint);

    /// <summary>Writes <paramref name="plaintext"/> encrypted by the emulator, as base64 text or the raw blob.</summary>
    public void WriteCiphertext(string plaintext, string? context = null, string? keyId = null, bool raw = false)
    {
        var blob = Kms.Encrypt(keyId ?? Key.Id, Encoding.UTF8.GetBytes(plaintext), EncryptionContext.Parse(context ?? Context));
        Directory.CreateDirectory(Path.GetDirectoryName(CiphertextPath)!);
        if (raw) File.WriteAllBytes(CiphertextPath, blob);
        else File.WriteAllText(CiphertextPath, Convert.ToBase64String(blob) + "\n");
    }

    public async Task<TestKey> WriteTestKeyAsync(string? context = null, bool raw = false)
    {
        var key = await TestKey.GenerateAsync(Scratch);
        WriteCiphertext(key.PrivateKey, context, raw: raw);
        return key;
    }

    /// <summary>What the runs left under the secrets' parent, but for this user's (empty, long-lived) nuke-run-&lt;uid&gt; folder itself.</summary>
    public IEnumerable<string> SecretDirectoriesLeft() =>
        Directory.EnumerateFileSystemEntries(SecretsParent, "*", SearchOption.AllDirectories)
            .Where(entry => !(Path.GetDirectoryName(entry) == SecretsParent && Path.GetFileName(entry).StartsWith("nuke-run-", StringComparison.Ordinal) && Directory.Exists(entry)));

    public async ValueTask DisposeAsync()
    {
        await Kms.DisposeAsync();
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
