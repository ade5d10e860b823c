using Amazon;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Nuke.Common;
using Nuke.Common.Output;
using GitLabRelease.DeployKeys;
using Serilog;

namespace GitLabRelease.Aws;

/// <summary>
/// The build's AWS setup: region, endpoints and credentials from the environment the AWS way. With GitLab OIDC
/// (AWS_ROLE_ARN + the job's ID token) the token is exchanged with STS from memory (AssumeRoleWithWebIdentity with the
/// token string): no token file exists at any moment. The token and the session credentials STS returns are
/// registered with the masker before anything could print them.
/// </summary>
public sealed class AwsSession : IAsyncDisposable
{
    public const string RoleArnVariable = "AWS_ROLE_ARN";
    public const string TokenFileVariable = "AWS_WEB_IDENTITY_TOKEN_FILE";
    public const string SessionNameVariable = "AWS_ROLE_SESSION_NAME";

    private readonly AwsOptions _options;
    private readonly SecretMasker _masker;
    private readonly ILogger _logger;
    private string? _token;
    private AwsCredentialsSource? _source;
    private AWSCredentials? _credentials;
    private bool _regionFallbackLogged;

    private AwsSession(AwsOptions options, SecretMasker masker, ILogger logger, string? token)
    {
        _options = options;
        _masker = masker;
        _logger = logger;
        _token = token;
    }

    private AwsEnvironment Env => _options.Environment;

    public AwsOptions Options => _options;

    /// <summary>True when this session will exchange a GitLab ID token with STS.</summary>
    public bool UsesWebIdentity => _token is not null && Env[RoleArnVariable] is not null;

    public static AwsSession Start(AwsOptions options, SecretMasker masker, ILogger logger)
    {
        var env = options.Environment;
        var roleArn = env[RoleArnVariable];
        var token = env[options.IdTokenVariable]?.Trim();
        // Registered first: whatever happens next may print.
        if (token is not null) masker.Add(token);
        if (roleArn is null)
        {
            if (token is not null)
                logger.Warning("{Variable:l} holds an ID token but {RoleArn:l} is not set, so the token is not used.", options.IdTokenVariable, RoleArnVariable);
            return new AwsSession(options, masker, logger, null);
        }
        if (token is null && env[TokenFileVariable] is null)
            logger.Warning("{RoleArn:l} is set but there is no ID token in {Variable:l}; declare it in the job: id_tokens: {Variable:l}: aud: {Audience:l}.",
                RoleArnVariable, options.IdTokenVariable, options.IdTokenVariable, options.IdToken.Audience);
        return new AwsSession(options, masker, logger, token);
    }

    /// <summary>The region for clients: AWS_REGION, the mapped AWS_DEFAULT_REGION, the key ARN's region, the profile's.</summary>
    public string ResolveRegion(string? keyId, string purpose)
    {
        if (Env["AWS_REGION"] is { } region) return region;
        // The .NET SDK reads AWS_REGION only; the CLI and boto3 also read AWS_DEFAULT_REGION, so teams set that.
        if (Env["AWS_DEFAULT_REGION"] is { } fallback)
        {
            if (!_regionFallbackLogged)
                _logger.Information("AWS_REGION is not set; using AWS_DEFAULT_REGION={Region:l} (the .NET SDK itself reads only AWS_REGION).", fallback);
            _regionFallbackLogged = true;
            return fallback;
        }
        if (keyId is not null && KeyArn.RegionOf(keyId) is { } arnRegion) return arnRegion;
        var profileName = Env["AWS_PROFILE"] ?? "default";
        if (new CredentialProfileStoreChain().TryGetProfile(profileName, out var profile) && profile.Region is { } profileRegion)
            return profileRegion.SystemName;
        throw new BuildException(
            $"No AWS region is configured for {purpose}: AWS_REGION is not set, KmsKeyId is not an ARN and profile '{profileName}' has no region.",
            "Set the CI/CD variable AWS_REGION (e.g. eu-central-1) or use the key's full ARN as KmsKeyId. AWS_DEFAULT_REGION works too.");
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
        if (Env[RoleArnVariable] is { } roleArn && _token is { } token)
            return await AssumeRoleWithWebIdentityAsync(roleArn, token, region, cancellationToken);

        AWSCredentials resolved;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            resolved = await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(config);
        }
        catch (AmazonClientException e)
        {
            throw AwsErrors.NoCredentials(Env, _options.IdTokenVariable, _options.IdToken.Audience, e);
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
        if (!_options.IsServerBuild || Env["AWS_ACCESS_KEY_ID"] is null || Env["AWS_SESSION_TOKEN"] is not null) return;
        var used = _source?.Kind == AwsCredentialsKind.EnvironmentKeys ? "are used" : "are set but not used";
        _logger.Warning("Long-lived AWS access keys in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY {Used:l} on this server build. " +
                        "Remove them from the CI/CD variables and use GitLab OIDC (AWS_ROLE_ARN + id_tokens), see " + Spelling.Docs("aws-setup", "6. CI/CD variables and the job") + ".", used);
    }

    private async Task<(AWSCredentials, AwsCredentialsSource)> AssumeRoleWithWebIdentityAsync(string roleArn, string token, string region, CancellationToken cancellationToken)
    {
        var sessionName = SessionNameFor();
        var config = new AmazonSecurityTokenServiceConfig { Timeout = TimeSpan.FromSeconds(30) };
        if ((Env["AWS_ENDPOINT_URL_STS"] ?? Env["AWS_ENDPOINT_URL"]) is { } stsEndpoint)
        {
            config.ServiceURL = stsEndpoint;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        var claims = IdTokenClaims.TryRead(token);
        var call = new StsCall(roleArn, sessionName, claims, _options.IdToken, _options.IdTokenVariable);
        AssumeRoleWithWebIdentityResponse response;
        // AssumeRoleWithWebIdentity is unsigned: the ID token is the credential.
        using (var sts = new AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), config))
        {
            try
            {
                response = await sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
                {
                    RoleArn = roleArn,
                    RoleSessionName = sessionName,
                    WebIdentityToken = token,
                }, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw AwsErrors.TranslateSts(e, call, _masker);
            }
        }
        var issued = response.Credentials;
        _masker.Add(issued.SecretAccessKey);
        _masker.Add(issued.SessionToken);
        // The exchange is done; the session no longer needs the token.
        _token = null;
        var description = $"web identity (GitLab OIDC) for role {roleArn}, session {sessionName}";
        _logger.Information("AWS: GitLab ID token from {Variable:l} exchanged with STS for role {RoleArn:l} (session {Session:l}, {Claims:l}).",
            _options.IdTokenVariable, roleArn, sessionName, claims?.Describe() ?? "claims unreadable");
        return (new SessionAWSCredentials(issued.AccessKeyId, issued.SecretAccessKey, issued.SessionToken),
            new AwsCredentialsSource(AwsCredentialsKind.WebIdentity, description));
    }

    private string SessionNameFor()
    {
        var current = Env[SessionNameVariable];
        if (SessionName.IsValid(current)) return current!;
        var name = SessionName.From(_options.ProjectPath, _options.PipelineId);
        if (current is not null)
            _logger.Warning("AWS_ROLE_SESSION_NAME '{Current:l}' is not a valid session name ([\\w+=,.@-]{{2,64}}); using '{Name:l}'.", current, name);
        return name;
    }

    public ValueTask DisposeAsync()
    {
        _token = null;
        _credentials = null;
        return ValueTask.CompletedTask;
    }
}
