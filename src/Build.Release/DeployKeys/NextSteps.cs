using Nuke.Common;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitLabRelease.Aws;

namespace GitLabRelease.DeployKeys;

internal sealed record NextStepsInput(CreateDeployKeyRequest Request, string KeyArn, string PublicKey, string Fingerprint,
    string Context, string CiphertextFile, string ParametersFile, AwsSetupFiles Files);

/// <summary>The AWS setup CreateDeployKey writes, as paths relative to the repository root (what the printed commands use).</summary>
public sealed record AwsSetupFiles(string OidcProvider, string RoleTrustPolicy, string KmsKeyPolicy);

/// <summary>
/// What CreateDeployKey writes and prints: the three AWS setup files, filled in for this GitLab instance, project and
/// default branch, and the GitLab and AWS steps with the exact commands that apply them.
/// </summary>
public static class NextSteps
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Account(string keyArn) => KeyArn.AccountOf(keyArn) ?? "ACCOUNT_ID";
    public static string RoleArn(CreateDeployKeyRequest request, string keyArn) => request.CiRoleArn ?? $"arn:aws:iam::{Account(keyArn)}:role/gitlab-release";

    /// <summary>Writes the three files; returns their paths relative to the repository root.</summary>
    internal static AwsSetupFiles Write(CreateDeployKeyRequest request, string keyArn, string context)
    {
        var directory = Path.GetFullPath(request.AwsSetupDirectory, request.RepositoryRoot);
        Directory.CreateDirectory(directory);
        var account = Account(keyArn);
        string Save(string name, JsonNode content)
        {
            var path = Path.Combine(directory, name);
            File.WriteAllText(path, content.ToJsonString(Indented) + "\n");
            return Path.GetRelativePath(request.RepositoryRoot, path);
        }
        return new AwsSetupFiles(
            Save(DeployKeyDefaults.OidcProviderFile, OidcProvider(request.GitLabUrl, request.IdTokenAudience)),
            Save(DeployKeyDefaults.RoleTrustPolicyFile, TrustPolicy(account, request.ProviderName, request.ProjectPath, request.DefaultBranch, request.IdTokenAudience)),
            Save(DeployKeyDefaults.KmsKeyPolicyFile, KeyPolicy(account, RoleArn(request, keyArn), context)));
    }

    internal static string Render(NextStepsInput input)
    {
        var request = input.Request;
        var files = input.Files;
        var account = Account(input.KeyArn);
        var roleArn = RoleArn(request, input.KeyArn);
        var roleName = roleArn.Split('/').Last();
        var sshHost = request.SshHost ?? request.ProviderName.Split('/')[0];
        var keyscan = request.SshPort == 22 ? $"ssh-keyscan -t ed25519,rsa,ecdsa {sshHost}" : $"ssh-keyscan -t ed25519,rsa,ecdsa -p {request.SshPort} {sshHost}";

        var text = new StringBuilder();
        text.AppendLine("Deploy key created. Next steps:");
        text.AppendLine();
        if (request.Assumptions.Count > 0)
        {
            text.AppendLine($"Assumed for {request.ProjectPath} (check them; a pipeline's CI_* variables would say):");
            foreach (var assumption in request.Assumptions) text.AppendLine($"   - {assumption}");
            text.AppendLine();
        }
        text.AppendLine($"1. Commit {input.CiphertextFile} and {input.ParametersFile} (they hold only ciphertext, the key ARN and the fingerprint),");
        text.AppendLine("   and .gitlab-ci.yml: with the key, the release job asks for the ID token (this local run has regenerated it).");
        text.AppendLine();
        text.AppendLine($"2. In GitLab: {request.ProjectPath} > Settings > Repository > Deploy keys > Add new key,");
        text.AppendLine("   paste this public key and tick \"Grant write permissions to this key\":");
        text.AppendLine();
        text.AppendLine($"   {input.PublicKey}");
        text.AppendLine();
        text.AppendLine($"   Fingerprint (GitLab shows it next to the key): {input.Fingerprint}");
        text.AppendLine();
        text.AppendLine($"3. Store the GitLab SSH host keys as the CI/CD variable {Spelling.Variable("SshKnownHosts")} (verify them against your GitLab's documented fingerprints):");
        text.AppendLine();
        text.AppendLine($"   {keyscan}");
        text.AppendLine();
        text.AppendLine($"4. AWS (files written to {Path.GetDirectoryName(files.OidcProvider)}/; run with administrator credentials for account {account}):");
        text.AppendLine();
        text.AppendLine($"   # IAM OIDC identity provider for {request.GitLabUrl}; ClientIDList = the audience the release job sends ({request.IdTokenAudience})");
        text.AppendLine($"   aws iam create-open-id-connect-provider --cli-input-json file://{files.OidcProvider}");
        text.AppendLine($"   # the CI role: only {request.DefaultBranch} pipelines of {request.ProjectPath} may assume it");
        text.AppendLine($"   aws iam create-role --role-name {roleName} --assume-role-policy-document file://{files.RoleTrustPolicy}");
        text.AppendLine($"   # the key policy: that role may kms:Decrypt only this deploy key's context (put-key-policy replaces the key's policy: merge first if it has other statements)");
        text.AppendLine($"   aws kms put-key-policy --key-id {input.KeyArn} --policy-name default --policy file://{files.KmsKeyPolicy}");
        text.AppendLine();
        text.AppendLine($"5. CI/CD variables: AWS_ROLE_ARN={roleArn}, AWS_REGION={KeyArn.RegionOf(input.KeyArn) ?? "<region>"}.");
        text.AppendLine($"   The generated release job declares id_tokens: {request.IdTokenVariable}: aud: {request.IdTokenAudience} (from [GitLabCI]); no AWS access keys are needed.");
        text.AppendLine();
        text.AppendLine($"6. Before the first release: run the manual `preflight` job of a default-branch pipeline; it checks this setup as the CI role ({Spelling.Docs("aws-setup", "Troubleshooting")}).");
        return text.ToString();
    }

    /// <summary>Input for <c>aws iam create-open-id-connect-provider --cli-input-json</c>.</summary>
    public static JsonObject OidcProvider(string gitLabUrl, string audience) => new()
    {
        ["Url"] = gitLabUrl.TrimEnd('/'),
        ["ClientIDList"] = new JsonArray(audience),
    };

    public static JsonObject KeyPolicy(string account, string ciRoleArn, string context)
    {
        var conditions = new JsonObject();
        foreach (var (key, value) in EncryptionContext.Parse(context))
            conditions[$"kms:EncryptionContext:{key}"] = value;
        return new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(
                new JsonObject
                {
                    ["Sid"] = "KeyAdministrationByTheAccount",
                    ["Effect"] = "Allow",
                    ["Principal"] = new JsonObject { ["AWS"] = $"arn:aws:iam::{account}:root" },
                    ["Action"] = "kms:*",
                    ["Resource"] = "*",
                },
                new JsonObject
                {
                    ["Sid"] = "DecryptDeployKeyInCi",
                    ["Effect"] = "Allow",
                    ["Principal"] = new JsonObject { ["AWS"] = ciRoleArn },
                    ["Action"] = "kms:Decrypt",
                    ["Resource"] = "*",
                    ["Condition"] = new JsonObject { ["StringEquals"] = conditions },
                }),
        };
    }

    /// <param name="provider">The IAM name of the OIDC provider: the GitLab URL without https://.</param>
    public static JsonObject TrustPolicy(string account, string provider, string projectPath, string defaultBranch, string audience) => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Sid"] = "GitLabDefaultBranchPipelines",
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Federated"] = $"arn:aws:iam::{account}:oidc-provider/{provider}" },
            ["Action"] = "sts:AssumeRoleWithWebIdentity",
            ["Condition"] = new JsonObject
            {
                ["StringEquals"] = new JsonObject
                {
                    [$"{provider}:aud"] = audience,
                    [$"{provider}:sub"] = $"project_path:{projectPath}:ref_type:branch:ref:{defaultBranch}",
                },
            },
        }),
    };
}
