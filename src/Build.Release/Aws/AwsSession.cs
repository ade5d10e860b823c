using Amazon;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Nuke.Common;
using Nuke.Common.Output;
using GitLabRelease.DeployKeys;
using Serilog;

namespace GitLabRelease.Aws;

/// <summary>
/// The build's AWS setup: region, endpoints and credentials from the environment the AWS way, GitLab OIDC
/// wired into the SDK's web identity support. Start it before anything uses the SDK (the SDK reads
/// AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_SESSION_NAME once) and dispose it when the build ends: that
/// deletes the token file.
/// </summary>
public sealed class AwsSession : IAsyncDisposable
{
    public const string RoleArnVariable = "AWS_ROLE_ARN";
    public const string TokenFileVariable = "AWS_WEB_IDENTITY_TOKEN_FILE";
    public const string SessionNameVariable = "AWS_ROLE_SESSION_NAME";

    private readonly AwsOptions _options;
    private readonly ILogger _logger;
    private readonly SecretDirectory? _tokenDirectory;
    private AwsCredentialsSource? _source;
    private AWSCredentials? _credentials;

    private AwsSession(AwsOptions options, ILogger logger, SecretDirectory? tokenDirectory)
    {
        _options = options;
        _logger = logger;
        _tokenDirectory = tokenDirectory;
    }

    private AwsEnvironment Env => _options.Environment;

    /// <summary>The ID token file this session wrote, if any.</summary>
    public string? TokenFile { get; private init; }

    public static AwsSession Start(AwsOptions options, SecretMasker masker, ILogger logger)
    {
        var env = options.Environment;
        MapDefaultRegion(env, logger);

        var roleArn = env[RoleArnVariable];
        var token = env[options.IdTokenVariable];
        if (token is not null) masker.Add(token.Trim());
        if (roleArn is null)
        {
            if (token is not null)
                logger.Warning("{Variable:l} holds an ID token but {RoleArn:l} is not set, so the token is not used.", options.IdTokenVariable, RoleArnVariable);
            return new AwsSession(options, logger, null);
        }
        if (token is null)
        {
            if (env[TokenFileVariable] is null)
                logger.Warning("{RoleArn:l} is set but there is no ID token in {Variable:l}; add id_tokens: {Variable:l}: aud: sts.amazonaws.com to the job.",
                    RoleArnVariable, options.IdTokenVariable, options.IdTokenVariable);
            EnsureSessionName(env, logger);
            return new AwsSession(options, logger, null);
        }

        var directory = SecretDirectory.Create("aws-web-identity", options.RepositoryRoot,
            options.SecretDirectoryCandidates ?? SecretDirectory.DefaultCandidates(env.Get));
        try
        {
            var file = directory.WriteFile("token", token.Trim());
            env.Set(TokenFileVariable, file);
            EnsureSessionName(env, logger);
            logger.Information("GitLab ID token from {Variable:l} written for AWS web identity (role {RoleArn:l}, session {Session:l}).",
                options.IdTokenVariable, roleArn, env[SessionNameVariable]);
            return new AwsSession(options, logger, directory) { TokenFile = file };
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>The region for clients: AWS_REGION, the mapped AWS_DEFAULT_REGION, the key ARN's region, the profile's.</summary>
    public string ResolveRegion(string? keyId, string purpose)
    {
        if (Env["AWS_REGION"] is { } region) return region;
        if (keyId is not null && KeyArn.RegionOf(keyId) is { } arnRegion) return arnRegion;
        var profileName = Env["AWS_PROFILE"] ?? "default";
        if (new CredentialProfileStoreChain().TryGetProfile(profileName, out var profile) && profile.Region is { } profileRegion)
            return profileRegion.SystemName;
        throw new BuildException(
            $"No AWS region is configured for {purpose}: AWS_REGION is not set, KmsKeyId is not an ARN and profile '{profileName}' has no region.",
            "Set the CI/CD variable AWS_REGION (e.g. eu-central-1) or use the key's full ARN as KmsKeyId. AWS_DEFAULT_REGION works too; the build maps it to AWS_REGION.");
    }

    public string KmsEndpoint(string region) =>
        Env["AWS_ENDPOINT_URL_KMS"] ?? Env["AWS_ENDPOINT_URL"] ?? $"https://kms.{region}.amazonaws.com";

    /// <summary>A KMS client for the key's region with the resolved credentials; logs which kind of credentials it uses.</summary>
    public async Task<KmsConnection> ConnectKmsAsync(string? keyId, CancellationToken cancellationToken = default)
    {
        var region = ResolveRegion(keyId, "KMS");
        // A black-holed endpoint should fail the job in reasonable time, not after the SDK's 100 s per attempt.
        var config = new AmazonKeyManagementServiceConfig { Timeout = TimeSpan.FromSeconds(30) };
        var customEndpoint = Env["AWS_ENDPOINT_URL_KMS"] ?? Env["AWS_ENDPOINT_URL"];
        if (customEndpoint is not null)
        {
            config.ServiceURL = customEndpoint;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        var endpoint = KmsEndpoint(region);
        var (credentials, source) = await ResolveCredentialsAsync(region, config, cancellationToken);
        _logger.Information("AWS: KMS {Endpoint:l} (region {Region:l}) with {Credentials:l}.", endpoint, region, source.Description);
        return new KmsConnection(new AmazonKeyManagementServiceClient(credentials, config), endpoint, region, source);
    }

    public async Task<(AWSCredentials Credentials, AwsCredentialsSource Source)> ResolveCredentialsAsync(
        string region, IClientConfig config, CancellationToken cancellationToken = default)
    {
        if (_credentials is not null && _source is not null) return (_credentials, _source);
        (_credentials, _source) = await ResolveAsync(region, config, cancellationToken);
        WarnAboutLongLivedKeys();
        return (_credentials, _source);
    }

    private async Task<(AWSCredentials, AwsCredentialsSource)> ResolveAsync(string region, IClientConfig config, CancellationToken cancellationToken)
    {
        if (_options.Credentials is { } explicitCredentials)
            return (explicitCredentials, new AwsCredentialsSource(AwsCredentialsKind.Explicit, $"explicit credentials ({explicitCredentials.GetType().Name})"));

        // With GitLab OIDC configured, web identity wins even over keys or profiles lying around on the runner:
        // that is the setup the project asked for, and the SDK's own chain would try environment keys first.
        if (Env[RoleArnVariable] is { } roleArn && Env[TokenFileVariable] is { } tokenFile)
        {
            var sessionName = Env[SessionNameVariable] ?? SessionName.From(Env["CI_PROJECT_PATH"], Env["CI_PIPELINE_ID"]);
            var stsEndpoint = Env["AWS_ENDPOINT_URL_STS"] ?? Env["AWS_ENDPOINT_URL"];
            var credentials = new WebIdentityCredentials(Path.GetFullPath(tokenFile), roleArn, sessionName, region, stsEndpoint);
            return (credentials, new AwsCredentialsSource(AwsCredentialsKind.WebIdentity, $"web identity (GitLab OIDC) for role {roleArn}, session {sessionName}"));
        }

        AWSCredentials resolved;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            resolved = await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(config);
        }
        catch (AmazonClientException e)
        {
            throw AwsErrors.NoCredentials(Env, _options.IdTokenVariable, e);
        }
        return (resolved, Describe(resolved));
    }

    private AwsCredentialsSource Describe(AWSCredentials credentials)
    {
        var profile = Env["AWS_PROFILE"] ?? "default";
        return credentials switch
        {
            AssumeRoleWithWebIdentityCredentials web => new(AwsCredentialsKind.WebIdentity, $"web identity for role {web.RoleArn}"),
            EnvironmentVariablesAWSCredentials => new(AwsCredentialsKind.EnvironmentKeys,
                Env["AWS_SESSION_TOKEN"] is null ? "access keys from environment variables" : "temporary session keys from environment variables"),
            _ when credentials.GetType().Name.Contains("InstanceProfile", StringComparison.Ordinal) => new(AwsCredentialsKind.InstanceProfile, "the EC2 instance profile"),
            _ when credentials.GetType().Name.Contains("Container", StringComparison.Ordinal) || credentials.GetType().Name.Contains("ECS", StringComparison.Ordinal)
                => new(AwsCredentialsKind.Container, "container credentials"),
            _ => new(AwsCredentialsKind.Profile, $"profile '{profile}' ({credentials.GetType().Name})"),
        };
    }

    private void WarnAboutLongLivedKeys()
    {
        if (!Env.IsServerBuild || Env["AWS_ACCESS_KEY_ID"] is null || Env["AWS_SESSION_TOKEN"] is not null) return;
        var used = _source?.Kind == AwsCredentialsKind.EnvironmentKeys ? "are used" : "are set but not used";
        _logger.Warning("Long-lived AWS access keys in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY {Used:l} on this server build. " +
                        "Remove them from the CI/CD variables and use GitLab OIDC (AWS_ROLE_ARN + id_tokens), see docs/aws-setup.md.", used);
    }

    private static void MapDefaultRegion(AwsEnvironment env, ILogger logger)
    {
        if (env["AWS_REGION"] is not null || env["AWS_DEFAULT_REGION"] is not { } fallback) return;
        // The .NET SDK reads AWS_REGION only; the CLI and boto3 also read AWS_DEFAULT_REGION, so teams set that.
        env.Set("AWS_REGION", fallback);
        logger.Information("AWS_REGION is not set; using AWS_DEFAULT_REGION={Region:l} (the .NET SDK reads only AWS_REGION).", fallback);
    }

    private static void EnsureSessionName(AwsEnvironment env, ILogger logger)
    {
        var current = env[SessionNameVariable];
        if (SessionName.IsValid(current)) return;
        var name = SessionName.From(env["CI_PROJECT_PATH"], env["CI_PIPELINE_ID"]);
        if (current is not null)
            logger.Warning("AWS_ROLE_SESSION_NAME '{Current:l}' is not a valid session name ([\\w+=,.@-]{{2,64}}), which would make the SDK skip web identity; using '{Name:l}'.", current, name);
        env.Set(SessionNameVariable, name);
    }

    public ValueTask DisposeAsync()
    {
        if (_tokenDirectory is null) return ValueTask.CompletedTask;
        // Leave the variable pointing nowhere rather than at a deleted file the SDK would report as missing.
        if (Env[TokenFileVariable] == TokenFile) Env.Set(TokenFileVariable, null);
        return _tokenDirectory.DisposeAsync();
    }
}
