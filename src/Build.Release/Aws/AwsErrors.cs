using System.Net;
using System.Net.Http;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Nuke.Common;

namespace GitLabRelease.Aws;

/// <summary>What a KMS call was about, so a failure can name the key, context, endpoint and identity.</summary>
public sealed record KmsCall(string Operation, string KeyId, string Context, string Subject, KmsConnection Connection);

/// <summary>
/// Turns SDK failures into causes and fixes. Messages name keys, contexts, endpoints and roles — never
/// tokens, key material or credentials. AccessDenied and Throttling have no typed exception in the SDK,
/// so they are recognised by ErrorCode.
/// </summary>
public static class AwsErrors
{
    private const string Docs = "See docs/aws-setup.md.";

    public static BuildException Translate(Exception exception, KmsCall call)
    {
        var key = call.KeyId;
        var who = call.Connection.Credentials.Description;
        var permission = $"kms:{call.Operation}";

        if (Find<InvalidIdentityTokenException>(exception) is { } invalidToken)
            return new BuildException(
                $"STS rejected the GitLab ID token for {RoleArn(call)} (InvalidIdentityToken: {invalidToken.Message}).",
                "Check that the IAM OIDC identity provider's URL is your GitLab URL, that the job's id_tokens aud is sts.amazonaws.com and " +
                $"that the role's trust policy allows this project and branch (token:sub / project_path:...:ref_type:branch:ref:...). {Docs}", exception);
        if (Find<ExpiredTokenException>(exception) is not null)
            return new BuildException(
                $"STS refused the GitLab ID token for {RoleArn(call)} because it has expired (ExpiredTokenException).",
                "Retry the job: GitLab issues a fresh ID token for every job. If it keeps happening, the job ran longer than the token's lifetime before reaching KMS.", exception);
        if (Find<IDPRejectedClaimException>(exception) is { } rejected)
            return new BuildException(
                $"STS rejected a claim of the GitLab ID token for {RoleArn(call)} (IDPRejectedClaim: {rejected.Message}).",
                $"Allow this project's branch in the role's trust policy condition on the token's sub claim. {Docs}", exception);
        if (Find<AmazonSecurityTokenServiceException>(exception) is { } sts)
            return new BuildException(
                sts.ErrorCode == "AccessDenied"
                    ? $"STS refused AssumeRoleWithWebIdentity for {RoleArn(call)} (AccessDenied: {sts.Message})."
                    : $"STS AssumeRoleWithWebIdentity failed for {RoleArn(call)} ({sts.ErrorCode}: {sts.Message}).",
                $"Check the role's trust policy: it must trust the GitLab OIDC provider with sts:AssumeRoleWithWebIdentity for this project's token:sub. {Docs}", exception);

        if (Find<InvalidCiphertextException>(exception) is not null)
            return new BuildException(
                $"KMS could not decrypt {call.Subject}: the ciphertext is corrupt or was encrypted with a different encryption context than '{call.Context}' (InvalidCiphertextException).",
                "Set --deploy-key-context / DEPLOY_KEY_CONTEXT to the context the key was created with, or re-create the key with ./build.sh CreateDeployKey --force and commit it.", exception);
        if (Find<IncorrectKeyException>(exception) is not null)
            return new BuildException(
                $"{call.Subject} was encrypted under a different KMS key than KmsKeyId '{key}' (IncorrectKeyException).",
                "Set --kms-key-id / KMS_KEY_ID (or KmsKeyId in .nuke/parameters.json) to the key the deploy key was created with, or re-create it with ./build.sh CreateDeployKey --force.", exception);
        if (Find<NotFoundException>(exception) is not null)
            return new BuildException(
                $"KMS key '{key}' does not exist in region {call.Connection.Region} (NotFoundException).",
                "Check --kms-key-id / KMS_KEY_ID and AWS_REGION: KMS keys are regional, and an alias or key id only resolves in its own account and region. Prefer the key's full ARN.", exception);
        if (Find<DisabledException>(exception) is not null)
            return new BuildException(
                $"KMS key '{key}' is disabled (DisabledException).",
                $"Enable it: aws kms enable-key --key-id {key} --region {call.Connection.Region}", exception);
        if (Find<KMSInvalidStateException>(exception) is { } state)
            return new BuildException(
                $"KMS key '{key}' cannot be used in its current state, usually because it is pending deletion (KMSInvalidStateException: {state.Message}).",
                $"Cancel the deletion and enable it: aws kms cancel-key-deletion --key-id {key} && aws kms enable-key --key-id {key}. A deleted key cannot be recovered: then run ./build.sh CreateDeployKey --force with a new key.", exception);

        if (Find<AmazonServiceException>(exception) is { } service)
        {
            if (service.ErrorCode == "AccessDeniedException")
                return new BuildException(
                    $"AWS denied {permission} on KMS key '{key}' to {who} (AccessDeniedException).",
                    $"Allow {permission} on {key} for the CI role in the key policy (or an IAM policy the key policy permits), with the condition kms:EncryptionContext matching '{call.Context}'. {Docs}", exception);
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
                $"KMS {call.Operation} on '{key}' failed: {service.ErrorCode}: {service.Message}",
                Docs, exception);
        }

        if (Find<HttpRequestException>(exception) is { } http)
            return new BuildException(
                $"Could not reach KMS at {call.Connection.Endpoint} ({http.Message}).",
                "Check the runner's network, proxy (HTTPS_PROXY) and DNS; check AWS_REGION and, if set, AWS_ENDPOINT_URL_KMS / AWS_ENDPOINT_URL.", exception);
        if (Find<TaskCanceledException>(exception) is not null || Find<TimeoutException>(exception) is not null)
            return new BuildException(
                $"KMS at {call.Connection.Endpoint} did not answer in time.",
                "Check the runner's network and proxy (HTTPS_PROXY), and AWS_ENDPOINT_URL_KMS if set.", exception);

        if (Find<AmazonClientException>(exception) is { } client)
            return new BuildException(
                $"The AWS SDK failed before reaching KMS {call.Operation} with {who}: {client.Message}",
                $"Check the AWS configuration of this environment (AWS_REGION, AWS_ROLE_ARN and the ID token, AWS_PROFILE). {Docs}", exception);
        return new BuildException($"KMS {call.Operation} on '{key}' failed: {exception.Message}", Docs, exception);
    }

    public static BuildException NoCredentials(AwsEnvironment env, string idTokenVariable, Exception inner)
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
            $"'id_tokens: {{ {idTokenVariable}: {{ aud: sts.amazonaws.com }} }}'. On a laptop: aws configure sso (or set AWS_PROFILE). {Docs}", inner);
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
