using System.Text;
using Fixtures.Kms;
using Fixtures.Ssh;
using Fixtures.Git;

namespace EndToEnd.Tests.Support;

/// <summary>
/// KMS and STS emulated on 127.0.0.1 for the deploy-key targets: a key for the deploy key, another key (the
/// "wrong key"), GitLab OIDC trusted for the CI role, a role KMS denies, an expired token, and an ed25519 key
/// pair standing in for a deploy key. No sshd: these tests stop at the decrypted key.
/// </summary>
public sealed class DeployKeyFixture : IAsyncLifetime
{
    public const string RoleArn = "arn:aws:iam::111122223333:role/gitlab-release";
    public const string DeniedRoleArn = "arn:aws:iam::111122223333:role/gitlab-other-project";
    public const string GitLabUrl = "https://gitlab.example.test";

    private readonly OidcIssuer _issuer = new(GitLabUrl);
    // Same iss, another signing key: what STS sees from a forged token.
    private readonly OidcIssuer _forger = new(GitLabUrl);

    public string IdToken { get; private set; } = null!;
    public string DeniedRoleToken { get; private set; } = null!;
    public string ExpiredToken { get; private set; } = null!;
    public string UntrustedToken { get; private set; } = null!;
    public string WrongAudienceToken { get; private set; } = null!;

    // A laptop's long-lived key pair as the emulator sees it; deliberately not shaped like a real AWS key id. The
    // secret is made per fixture: a constant would also be in this source file, and every copy of the tree under
    // /tmp would then count as a leak.
    public const string LaptopAccessKeyId = "E2ELAPTOPKEYID00";
    public string LaptopSecretKey { get; } = "e2e-laptop-secret-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    private readonly string _keys = GitRepo.NewTempDirectory("e2e-deploykeys");
    private int _projects;

    public KmsEmulator Kms { get; private set; } = null!;
    public EmulatedKey Key { get; private set; } = null!;
    public EmulatedKey OtherKey { get; private set; } = null!;
    public SshKeyPair DeployKey { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Kms = KmsEmulator.Start();
        Key = Kms.CreateKey("deploy key");
        OtherKey = Kms.CreateKey("another project's key");
        Kms.Sts.TrustGitLabProject(_issuer, "gitlab-release", "group/project", "main", GitLabUrl);
        Kms.Sts.TrustGitLabProject(_issuer, "gitlab-other-project", "group/other", "main", GitLabUrl);
        Kms.Deny(DeniedRoleArn);
        IdToken = _issuer.MintJobToken("group/project", "main", GitLabUrl, TimeSpan.FromHours(2));
        DeniedRoleToken = _issuer.MintJobToken("group/other", "main", GitLabUrl, TimeSpan.FromHours(2));
        ExpiredToken = _issuer.MintJobToken("group/project", "main", GitLabUrl, TimeSpan.FromMinutes(-10));
        UntrustedToken = _forger.MintJobToken("group/project", "main", GitLabUrl, TimeSpan.FromHours(2));
        WrongAudienceToken = _issuer.MintJobToken("group/project", "main", "https://sts.amazonaws.com", TimeSpan.FromHours(2));
        DeployKey = SshKeyPair.Generate(_keys, "deploy");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Kms.DisposeAsync();
        _issuer.Dispose();
        _forger.Dispose();
        Directory.Delete(_keys, recursive: true);
    }

    public string NextProject(string name) => $"group/{name}{Interlocked.Increment(ref _projects)}";

    /// <summary>The deploy key encrypted under <paramref name="keyId"/> with the project's default context, as CreateDeployKey would.</summary>
    public byte[] EncryptDeployKey(string keyId, string project) =>
        Kms.Encrypt(keyId, Encoding.UTF8.GetBytes(DeployKey.PrivateKeyText),
            new Dictionary<string, string> { ["purpose"] = "gitlab-deploy-key", ["project"] = project });

    /// <summary>A GitLab pipeline reaching the emulator through OIDC: AWS_ROLE_ARN + the AWS_ID_TOKEN id_tokens variable.</summary>
    public BuildProcess OidcPipeline(KeyWorkTree tree, string? kmsKeyId = null)
    {
        var build = tree.Pipeline();
        foreach (var (name, value) in Kms.ClientEnvironment()) build.Environment[name] = value;
        build.Environment["AWS_ROLE_ARN"] = RoleArn;
        build.Environment["AWS_ID_TOKEN"] = IdToken;
        build.Environment["KMS_KEY_ID"] = kmsKeyId ?? Key.Id;
        return build;
    }

    /// <summary>A laptop with a long-lived key pair in its environment, talking to the emulator.</summary>
    public BuildProcess Laptop(KeyWorkTree tree)
    {
        var build = new BuildProcess { Root = tree.Path };
        foreach (var (name, value) in Kms.ClientEnvironment()) build.Environment[name] = value;
        build.Environment["CI"] = null; // a laptop, even when these tests run on CI
        build.Environment["AWS_ACCESS_KEY_ID"] = LaptopAccessKeyId;
        build.Environment["AWS_SECRET_ACCESS_KEY"] = LaptopSecretKey;
        return build;
    }

    /// <summary>Everything that must never be printed or left behind by these tests.</summary>
    public IEnumerable<string> Secrets(string? privateKeyText = null) =>
        SecretChecks.BodyLines(privateKeyText ?? DeployKey.PrivateKeyText)
            .Concat([IdToken, DeniedRoleToken, ExpiredToken, UntrustedToken, WrongAudienceToken, LaptopSecretKey]);
}
