using Nuke.Components;
using Nuke.Common;
using GitLabRelease.Aws;
using GitLabRelease.DeployKeys;
using GitLabRelease.Git;
using Nuke.Common.IO;

namespace GitLabRelease.Components;

/// <summary>The deploy key that pushes release tags: KMS-encrypted in the repository, decrypted for one run.</summary>
public interface IDeployKey : IHazGitLab
{
    static string NoReleaseSetup => "no release setup (.nuke/deploy-key.enc is missing): "
        + $"run ./build.sh CreateDeployKey --kms-key-id <key> once ({Spelling.Docs("aws-setup", "5. Create the deploy key (once, on a laptop)")})";

    [Parameter("AWS KMS key id, ARN or alias that encrypts the deploy key; Decrypt is pinned to it")]
    string? KmsKeyId => TryGetValue(() => KmsKeyId);

    // Named *File so the common CI variable DEPLOY_KEY (often a private key) is never read as this path.
    [Parameter("File with the encrypted deploy key (raw KMS blob or base64 text); default .nuke/deploy-key.enc")]
    AbsolutePath? DeployKeyFile => TryGetValue(() => DeployKeyFile);

    [Parameter("KMS encryption context as key=value pairs; default purpose=gitlab-deploy-key,project=<project path>")]
    string? DeployKeyContext => TryGetValue(() => DeployKeyContext);

    [Parameter("Expected SHA256 fingerprint of the deploy key; a mismatch stops the push")]
    string? DeployKeyFingerprint => TryGetValue(() => DeployKeyFingerprint);

    [Parameter("Let CreateDeployKey replace an existing .nuke/deploy-key.enc")]
    bool Force => TryGetValue<bool?>(() => Force) ?? false;

    AbsolutePath DeployKeyCiphertext => DeployKeyFile ?? RootDirectory / DeployKeyDefaults.CiphertextFile;

    /// <summary>True when a release can be attempted: on a server always (a missing key must fail there), locally when the key exists.</summary>
    bool HasReleaseSetup => IsServerBuild || DeployKeyCiphertext.FileExists();

    /// <summary>False when the push does not use the deploy key (IGitLabRelease's PushWith); DecryptDeployKey is then skipped with the reason.</summary>
    bool UsesDeployKey => true;
    string DeployKeyUnusedReason => "the push does not use the deploy key";

    /// <summary>False when the run turns out to need no push (e.g. a superseded release); checked right before decrypting.</summary>
    bool DeployKeyNeeded => true;
    string DeployKeyNotNeededReason => "not needed";

    /// <summary>The key DecryptDeployKey produced in this run.</summary>
    DecryptedDeployKey DecryptedKey => State.GetRequired<DecryptedDeployKey>(nameof(DecryptDeployKey));

    Target DecryptDeployKey => _ => _
        .Description("Decrypt the deploy key with AWS KMS, in memory only (the push hands it to a private ssh-agent)")
        .OnlyWhenStatic(() => UsesDeployKey, () => DeployKeyUnusedReason)
        .OnlyWhenStatic(() => HasReleaseSetup, NoReleaseSetup)
        .Requires(() => KmsKeyId)
        .OnlyWhenDynamic(() => DeployKeyNeeded, () => DeployKeyNotNeededReason)
        .Executes(async () => State.Set(await DecryptAsync(StartAwsSession())));

    Target CreateDeployKey => _ => _
        .Description("Onboarding: generate an ed25519 deploy key, KMS-encrypt it into .nuke/deploy-key.enc, write the AWS setup to artifacts/aws/, print the GitLab and AWS steps")
        .Requires(() => KmsKeyId)
        .Executes(async () =>
        {
            // In a pipeline GitLab says where it is; on a laptop origin does, and what it cannot say is printed as assumed.
            var aws = StartAwsSession();
            var origin = GitLab.IsGitLabCi ? null : await GitLabOrigin.ReadAsync(RootDirectory, Tools, CancellationToken);
            var projectPath = GitLab.ProjectPath ?? origin?.ProjectPath ?? await GetProjectPathAsync();
            var gitLabUrl = GitLab.ServerUrl ?? origin?.ServerUrl
                ?? (GitLab.ServerHost is { } host ? $"https://{host}" : null)
                ?? throw new BuildException("Cannot tell the GitLab instance: CI_SERVER_URL is not set and origin is not a GitLab URL.",
                    "Run CreateDeployKey in a clone whose origin is the GitLab project (git remote add origin git@<gitlab host>:<group>/<project>.git).");
            var assumptions = new List<string>(origin?.Assumptions ?? []);
            var audience = GitLabIdToken.ResolveAudience(EnvironmentVariable, gitLabUrl)!;
            var created = await new DeployKeyCreator(aws.Options, Secrets, Log).CreateAsync(
                new(RootDirectory, KmsKeyId!, DeployKeyContext ?? EncryptionContext.Default(projectPath), projectPath)
                {
                    CiphertextFile = DeployKeyCiphertext,
                    AwsSetupDirectory = RootDirectory / "artifacts" / "aws",
                    Force = Force,
                    GitLabUrl = gitLabUrl,
                    SshHost = GitLab.ServerShellSshHost ?? origin?.SshHost,
                    SshPort = GitLab.ServerShellSshPort ?? origin?.SshPort ?? 22,
                    DefaultBranch = GitLab.DefaultBranch ?? origin?.DefaultBranch ?? "main",
                    IdTokenVariable = GitLabIdToken.VariableName,
                    IdTokenAudience = audience,
                    CiRoleArn = EnvironmentVariable(AwsSession.RoleArnVariable),
                    Assumptions = assumptions,
                }, aws.Session, CancellationToken);
            Log.Information("{NextSteps:l}", created.NextSteps);
        });

    /// <summary>Decrypts the key (cleaned up when the build ends); the context defaults to this project's.</summary>
    async Task<DecryptedDeployKey> DecryptAsync((AwsOptions Options, AwsSession Session) aws)
    {
        var context = DeployKeyContext ?? EncryptionContext.Default(await GetProjectPathAsync());
        var key = await new DeployKeyDecryptor(aws.Options, Secrets, Log)
            .DecryptAsync(new(DeployKeyCiphertext, KmsKeyId, context, DeployKeyFingerprint), aws.Session, CancellationToken);
        RegisterCleanup(key);
        return key;
    }

    // The ID token is read from the variable [GitLabCI] declares for the release job, and exchanged with STS from memory.
    (AwsOptions Options, AwsSession Session) StartAwsSession()
    {
        // Session credentials are for this build's AWS calls, never for the tools it starts.
        Tools.Children.Withhold("AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_WEB_IDENTITY_TOKEN_FILE");
        var idToken = GitLabIdToken;
        var options = new AwsOptions
        {
            RepositoryRoot = RootDirectory,
            Environment = new AwsEnvironment(EnvironmentVariable),
            IsServerBuild = IsServerBuild,
            ProjectPath = GitLab.ProjectPath,
            PipelineId = GitLab.PipelineId,
            IdToken = new IdTokenSettings(idToken.VariableName, idToken.ResolveAudience(EnvironmentVariable) ?? idToken.Audience),
        };
        var session = AwsSession.Start(options, Secrets, Log);
        RegisterCleanup(session);
        return (options, session);
    }

    Task<string> GetProjectPathAsync() => ProjectPath.ResolveAsync(GitLab.ProjectPath, RootDirectory, Tools, CancellationToken);
}
