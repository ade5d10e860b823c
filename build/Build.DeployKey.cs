using Build.Engine;
using Build.Release.Aws;
using Build.Release.DeployKeys;
using Build.Release.Git;

namespace BuildScript;

partial class Build
{
    [Parameter("AWS KMS key id, ARN or alias that encrypts the deploy key; Decrypt is pinned to it")]
    readonly string? KmsKeyId;

    [Parameter("The encrypted deploy key (raw KMS blob or base64 text); default .nuke/deploy-key.enc")]
    readonly AbsolutePath? DeployKey;

    [Parameter("KMS encryption context as key=value pairs; default purpose=gitlab-deploy-key,project=<project path>")]
    readonly string? DeployKeyContext;

    [Parameter("Expected SHA256 fingerprint of the deploy key; a mismatch stops the push")]
    readonly string? DeployKeyFingerprint;

    [Parameter("Let CreateDeployKey replace an existing .nuke/deploy-key.enc")]
    readonly bool Force;

    DecryptedDeployKey? DecryptedKey;

    AbsolutePath DeployKeyFile => DeployKey ?? RootDirectory / DeployKeyDefaults.CiphertextFile;

    const string NoReleaseSetup = "no release setup (.nuke/deploy-key.enc is missing): "
        + "run ./build.sh CreateDeployKey --kms-key-id <key> once (docs/aws-setup.md)";

    Target DecryptDeployKey => _ => _
        .Description("Decrypt the deploy key with AWS KMS into a 0600 file outside the work tree (deleted when the build ends)")
        .OnlyWhenStatic(() => IsServerBuild || DeployKeyFile.FileExists, NoReleaseSetup)
        .Executes(async () =>
        {
            var aws = StartAwsSession();
            var context = DeployKeyContext ?? EncryptionContext.Default(await GetProjectPathAsync());
            DecryptedKey = await new DeployKeyDecryptor(aws.Options, Secrets, Log)
                .DecryptAsync(new(DeployKeyFile, KmsKeyId, context, DeployKeyFingerprint), aws.Session, CancellationToken);
            RegisterCleanup(DecryptedKey);
        });

    Target CreateDeployKey => _ => _
        .Description("Onboarding: generate an ed25519 deploy key, KMS-encrypt it into .nuke/deploy-key.enc, print the GitLab and AWS steps")
        .Requires(() => KmsKeyId)
        .Executes(async () =>
        {
            var aws = StartAwsSession();
            var projectPath = await GetProjectPathAsync();
            var created = await new DeployKeyCreator(aws.Options, Secrets, Log).CreateAsync(
                new(RootDirectory, KmsKeyId!, DeployKeyContext ?? EncryptionContext.Default(projectPath), projectPath)
                {
                    CiphertextFile = DeployKeyFile,
                    Force = Force,
                    GitLabHost = GitLab.ServerHost ?? "gitlab.com",
                    SshHost = GitLab.ServerShellSshHost,
                    SshPort = GitLab.ServerShellSshPort ?? 22,
                    DefaultBranch = GitLab.DefaultBranch ?? "main",
                    CiRoleArn = EnvironmentVariable(AwsSession.RoleArnVariable),
                }, aws.Session, CancellationToken);
            Log.Information("{NextSteps:l}", created.NextSteps);
        });

    // Started before the SDK is first used: it turns a GitLab ID token into the web-identity settings the SDK reads.
    (AwsOptions Options, AwsSession Session) StartAwsSession()
    {
        var options = new AwsOptions { RepositoryRoot = RootDirectory };
        var session = AwsSession.Start(options, Secrets, Log);
        RegisterCleanup(session);
        return (options, session);
    }

    Task<string> GetProjectPathAsync() => ProjectPath.ResolveAsync(GitLab.ProjectPath, RootDirectory, Tools, CancellationToken);
}
