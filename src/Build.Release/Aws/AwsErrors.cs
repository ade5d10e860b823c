using System.Net;
using System.Net.Http;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Nuke.Common;
using Nuke.Common.Output;

namespace GitLabRelease.Aws;

/// <summary>What a KMS call was about, so a failure can name the key, context, endpoint and identity.</summary>
/// <param name="Masker">AWS error text goes through it before it becomes part of a message.</param>
public sealed record KmsCall(string Operation, string KeyId, string Context, string Subject, KmsConnection Connection, SecretMasker? Masker = null);

/// <summary>What an AssumeRoleWithWebIdentity call was about: the role, and what the token said (never the token).</summary>
public sealed record StsCall(string RoleArn, string SessionName, IdTokenClaims? Claims, IdTokenSettings Declared, string Variable);

/// <summary>
/// Turns SDK failures into causes and fixes. Messages name keys, contexts, endpoints and roles — never
/// tokens, key material or credentials. AccessDenied and Throttling have no typed exception in the SDK,
/// so they are recognised by ErrorCode.
/// </summary>
public static class AwsErrors
{
    // Each refusal links to the setup step that decides it (rendered into the docs of the running version).
    private static readonly string KeyPolicy = $"See {Spelling.Docs("aws-setup", "2. Key policy")}.";
    private static readonly string OidcProvider = $"See {Spelling.Docs("aws-setup", "3. GitLab as an OIDC identity provider in IAM")}.";
    private static readonly string TrustPolicy = $"See {Spelling.Docs("aws-setup", "4. The CI role and its trust policy")}.";
    private static readonly string Credentials = $"See {Spelling.Docs("aws-setup", "6. CI/CD variables and the job")}.";
    private static readonly string Troubleshooting = $"See {Spelling.Docs("aws-setup", "Troubleshooting")}.";

    public static BuildException Translate(Exception exception, KmsCall call)
    {
        var key = call.KeyId;
        string Clean(string? text) => call.Masker?.Mask(text) ?? text ?? "";
        var who = call.Connection.Credentials.Description;
        var permission = $"kms:{call.Operation}";

        if (Find<InvalidCiphertextException>(exception) is not null)
            return new BuildException(
                $"KMS could not decrypt {call.Subject}: the ciphertext is corrupt or was encrypted with a different encryption context than '{call.Context}' (InvalidCiphertextException).",
                $"Set {Spelling.Parameter("DeployKeyContext")} to the context the key was created with, or re-create the key with {Spelling.Run("CreateDeployKey", "Force")} and commit it.", exception);
        if (Find<IncorrectKeyException>(exception) is not null)
            return new BuildException(
                $"{call.Subject} was encrypted under a different KMS key than KmsKeyId '{key}' (IncorrectKeyException).",
                $"Set {Spelling.Parameter("KmsKeyId")} (or KmsKeyId in .nuke/parameters.json) to the key the deploy key was created with, or re-create it with {Spelling.Run("CreateDeployKey", "Force")}.", exception);
        if (Find<NotFoundException>(exception) is not null)
            return new BuildException(
                $"KMS key '{key}' does not exist in region {call.Connection.Region} (NotFoundException).",
                $"Check {Spelling.Parameter("KmsKeyId")} and AWS_REGION: KMS keys are regional, and an alias or key id only resolves in its own account and region. Prefer the key's full ARN.", exception);
        if (Find<DisabledException>(exception) is not null)
            return new BuildException(
                $"KMS key '{key}' is disabled (DisabledException).",
                $"Enable it: aws kms enable-key --key-id {key} --region {call.Connection.Region}", exception);
        if (Find<KMSInvalidStateException>(exception) is { } state)
            return new BuildException(
                $"KMS key '{key}' cannot be used in its current state, usually because it is pending deletion (KMSInvalidStateException: {Clean(state.Message)}).",
                $"Cancel the deletion and enable it: aws kms cancel-key-deletion --key-id {key} && aws kms enable-key --key-id {key}. A deleted key cannot be recovered: then run {Spelling.Run("CreateDeployKey", "Force")} with a new key.", exception);

        if (Find<AmazonServiceException>(exception) is { } service)
        {
            if (service.ErrorCode == "AccessDeniedException")
                return new BuildException(
                    $"AWS denied {permission} on KMS key '{key}' to {who} (AccessDeniedException).",
                    $"Allow {permission} on {key} for the CI role in the key policy (or an IAM policy the key policy permits), with the condition kms:EncryptionContext matching '{call.Context}'. {KeyPolicy}", exception);
            if (service.ErrorCode is "ThrottlingException" or "Throttling" or "TooManyRequestsException" or "LimitExceededException" ||
                service.StatusCode == HttpStatusCode.TooManyRequests)
                return new BuildException(
                    $"KMS throttled {call.Operation} on '{key}' ({service.ErrorCode}) and the SDK's retries did not get through.",
                    "Retry the job later; if it persists, other workloads share the account's KMS request quota: spread them out or request a higher quota in Service Quotas.", exception);
            if ((int)service.StatusCode >= 500)
                return new BuildException(
                    $"KMS at {call.Connection.Endpoint} failed with {(int)service.StatusCode} ({service.ErrorCode}) on {call.Operation}, also after the SDK's retries.",
                    "Retry the job later; check the AWS Health Dashboard for KMS in this region.", exception);
            return new BuildException(
                $"KMS {call.Operation} on '{key}' failed: {service.ErrorCode}: {Clean(service.Message)}",
                Troubleshooting, exception);
        }

        if (Find<HttpRequestException>(exception) is { } http)
            return new BuildException(
                $"Could not reach KMS at {call.Connection.Endpoint} ({Clean(http.Message)}).",
                "Check the runner's network, proxy (HTTPS_PROXY) and DNS; check AWS_REGION and, if set, AWS_ENDPOINT_URL_KMS / AWS_ENDPOINT_URL.", exception);
        if (Find<TaskCanceledException>(exception) is not null || Find<TimeoutException>(exception) is not null)
            return new BuildException(
                $"KMS at {call.Connection.Endpoint} did not answer in time.",
                "Check the runner's network and proxy (HTTPS_PROXY), and AWS_ENDPOINT_URL_KMS if set.", exception);

        if (Find<AmazonClientException>(exception) is { } client)
            return new BuildException(
                $"The AWS SDK failed before reaching KMS {call.Operation} with {who}: {Clean(client.Message)}",
                $"Check the AWS configuration of this environment (AWS_REGION, AWS_ROLE_ARN and the ID token, AWS_PROFILE). {Credentials}", exception);
        return new BuildException($"KMS {call.Operation} on '{key}' failed: {Clean(exception.Message)}", Troubleshooting, exception);
    }

    /// <summary>STS's refusals, each with what the token said and the setting (GitLab or IAM) that decides it.</summary>
    public static BuildException TranslateSts(Exception exception, StsCall call, SecretMasker masker)
    {
        string Clean(string? text) => masker.Mask(text);
        var role = call.RoleArn;
        var claims = call.Claims;
        var token = claims is null ? "an ID token whose claims could not be read" : $"the ID token ({claims.Describe()})";
        var provider = claims?.Issuer is { } iss ? ProviderName(iss) : "<gitlab host>";
        var account = RoleAccount(role) ?? "<account>";
        var providerArn = $"arn:aws:iam::{account}:oidc-provider/{provider}";
        var declared = $"the job declares id_tokens: {call.Variable}: aud: {call.Declared.Audience} ([GitLabCI(IdTokenAudience)])";

        if (Find<ExpiredTokenException>(exception) is not null)
            return new BuildException(
                $"STS refused {token} for {role} because it has expired (ExpiredTokenException).",
                "Retry the job: GitLab issues a fresh ID token for every job. If it keeps happening, the job ran longer than the token's lifetime before reaching STS.", exception);
        if (Find<InvalidIdentityTokenException>(exception) is { } invalid)
        {
            var message = Clean(invalid.Message);
            if (message.Contains("audience", StringComparison.OrdinalIgnoreCase))
                return new BuildException(
                    $"STS rejected {token} for {role}: its audience is not in the ClientIDList of the IAM OIDC provider {providerArn} (InvalidIdentityToken: {message}).",
                    $"Make the two agree: {declared}; add it to the provider with `aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn {providerArn} --client-id {call.Declared.Audience}`, " +
                    $"or re-create the provider from artifacts/aws/oidc-provider.json (CreateDeployKey writes it). {OidcProvider}", exception);
            if (message.Contains("provider", StringComparison.OrdinalIgnoreCase))
                return new BuildException(
                    $"STS rejected {token} for {role}: the account has no IAM OIDC identity provider for the token's issuer (InvalidIdentityToken: {message}).",
                    $"Create it: `aws iam create-open-id-connect-provider --cli-input-json file://artifacts/aws/oidc-provider.json` (Url = your GitLab URL exactly as in the token's iss, {CiVariables.ServerUrl}). {OidcProvider}", exception);
            return new BuildException(
                $"STS rejected {token} for {role} (InvalidIdentityToken: {message}).",
                $"Check that the IAM OIDC identity provider {providerArn} has your GitLab URL and that GitLab's signing keys are reachable from AWS ({claims?.Issuer ?? "<gitlab url>"}/oauth/discovery/keys). {OidcProvider}", exception);
        }
        if (Find<IDPCommunicationErrorException>(exception) is { } communication)
            return new BuildException(
                $"STS could not fetch the signing keys of the token's issuer {claims?.Issuer ?? "(unknown)"} (IDPCommunicationError: {Clean(communication.Message)}).",
                "AWS must reach <gitlab url>/.well-known/openid-configuration and /oauth/discovery/keys over HTTPS from the internet: a self-managed GitLab behind a firewall needs those two paths published. Retry when it is reachable.", exception);
        if (Find<IDPRejectedClaimException>(exception) is { } rejected)
            return new BuildException(
                $"STS rejected a claim of {token} for {role} (IDPRejectedClaim: {Clean(rejected.Message)}).",
                $"Allow this project's default branch in the role's trust policy (artifacts/aws/role-trust-policy.json). {TrustPolicy}", exception);
        if (Find<AmazonSecurityTokenServiceException>(exception) is { } sts)
        {
            if (sts.ErrorCode == "AccessDenied")
                return new BuildException(
                    $"STS refused AssumeRoleWithWebIdentity for {role} (AccessDenied: {Clean(sts.Message)}): the role's trust policy does not allow {token}.",
                    $"Only default-branch pipelines of the project the role trusts may assume it: the trust policy's conditions on {provider}:sub and {provider}:aud must match the token " +
                    $"(for this project: project_path:<group/project>:ref_type:branch:ref:<default branch>), and its Principal must be {providerArn}. " +
                    $"Apply artifacts/aws/role-trust-policy.json with `aws iam update-assume-role-policy --role-name {role.Split('/').Last()} --policy-document file://artifacts/aws/role-trust-policy.json`, " +
                    $"or run this job on the default branch. {TrustPolicy}", exception);
            return new BuildException(
                $"STS AssumeRoleWithWebIdentity failed for {role} ({sts.ErrorCode}: {Clean(sts.Message)}).",
                $"Check AWS_ROLE_ARN, the role's trust policy and the OIDC provider. {TrustPolicy}", exception);
        }
        if (Find<HttpRequestException>(exception) is { } http)
            return new BuildException(
                $"Could not reach STS ({Clean(http.Message)}).",
                "Check the runner's network, proxy (HTTPS_PROXY) and DNS; check AWS_REGION and, if set, AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL.", exception);
        return new BuildException($"STS AssumeRoleWithWebIdentity for {role} failed: {Clean(exception.Message)}", Troubleshooting, exception);
    }

    private static string ProviderName(string issuer) =>
        (issuer.StartsWith("https://", StringComparison.Ordinal) ? issuer["https://".Length..] : issuer).TrimEnd('/');

    private static string? RoleAccount(string roleArn)
    {
        var parts = roleArn.Split(':');
        return parts.Length >= 6 && parts[0] == "arn" && parts[4].Length > 0 ? parts[4] : null;
    }

    public static BuildException NoCredentials(AwsEnvironment env, string idTokenVariable, string audience, Exception inner)
    {
        var profile = env["AWS_PROFILE"] ?? "default";
        var tried = string.Join("; ", new[]
        {
            $"web identity ({AwsSession.RoleArnVariable} {(env[AwsSession.RoleArnVariable] is null ? "not set" : "set")}, {idTokenVariable} {(env[idTokenVariable] is null ? "not set" : "set")})",
            $"environment keys (AWS_ACCESS_KEY_ID {(env["AWS_ACCESS_KEY_ID"] is null ? "not set" : "set")})",
            $"profile '{profile}'",
            "container credentials",
            "EC2 instance metadata",
        });
        return new BuildException(
            $"No AWS credentials found. Tried: {tried}.",
            $"In GitLab CI use OIDC: set the CI/CD variable {AwsSession.RoleArnVariable} to the role to assume and add to the job " +
            $"'id_tokens: {{ {idTokenVariable}: {{ aud: {audience} }} }}' (generated from [GitLabCI]). On a laptop: aws configure sso (or set AWS_PROFILE). {Credentials}", inner);
    }

    private static string RoleArn(KmsCall call) =>
        call.Connection.Credentials.Description;

    private static T? Find<T>(Exception? exception) where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match) return match;
            if (current is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions)
                    if (Find<T>(inner) is { } nested) return nested;
        }
        return null;
    }
}
