using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitLabRelease.Aws;

namespace GitLabRelease.DeployKeys;

internal sealed record NextStepsInput(CreateDeployKeyRequest Request, string KeyArn, string PublicKey, string Fingerprint,
    string Context, string CiphertextFile, string ParametersFile);

/// <summary>What CreateDeployKey prints: the GitLab and AWS steps, with policies filled in for this project.</summary>
public static class NextSteps
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    internal static string Render(NextStepsInput input)
    {
        var request = input.Request;
        var account = KeyArn.AccountOf(input.KeyArn) ?? "ACCOUNT_ID";
        var roleArn = request.CiRoleArn ?? $"arn:aws:iam::{account}:role/gitlab-release";
        var sshHost = request.SshHost ?? request.GitLabHost;
        var keyscan = request.SshPort == 22 ? $"ssh-keyscan -t ed25519,rsa,ecdsa {sshHost}" : $"ssh-keyscan -t ed25519,rsa,ecdsa -p {request.SshPort} {sshHost}";

        var text = new StringBuilder();
        text.AppendLine("Deploy key created. Next steps:");
        text.AppendLine();
        text.AppendLine($"1. Commit {input.CiphertextFile} and {input.ParametersFile} (they hold only ciphertext, the key ARN and the fingerprint).");
        text.AppendLine();
        text.AppendLine($"2. In GitLab: {request.ProjectPath} > Settings > Repository > Deploy keys > Add new key,");
        text.AppendLine("   paste this public key and tick \"Grant write permissions to this key\":");
        text.AppendLine();
        text.AppendLine($"   {input.PublicKey}");
        text.AppendLine();
        text.AppendLine($"   Fingerprint (GitLab shows it next to the key): {input.Fingerprint}");
        text.AppendLine();
        text.AppendLine("3. Store the GitLab SSH host keys as the CI/CD variable SSH_KNOWN_HOSTS (verify them against your GitLab's documented fingerprints):");
        text.AppendLine();
        text.AppendLine($"   {keyscan}");
        text.AppendLine();
        text.AppendLine($"4. KMS key policy for {input.KeyArn}: only the CI role may decrypt, and only this project's deploy key:");
        text.AppendLine();
        text.AppendLine(Indent(KeyPolicy(account, roleArn, input.Context).ToJsonString(Indented)));
        text.AppendLine();
        text.AppendLine($"5. Trust policy of {roleArn}: GitLab OIDC tokens of {request.ProjectPath} on {request.DefaultBranch} only:");
        text.AppendLine();
        text.AppendLine(Indent(TrustPolicy(account, request.GitLabHost, request.ProjectPath, request.DefaultBranch).ToJsonString(Indented)));
        text.AppendLine();
        text.AppendLine($"6. CI/CD variables: AWS_ROLE_ARN={roleArn}, AWS_REGION={KeyArn.RegionOf(input.KeyArn) ?? "<region>"}; and in the release job:");
        text.AppendLine("   id_tokens: { AWS_ID_TOKEN: { aud: sts.amazonaws.com } }   (no AWS access keys needed; see docs/aws-setup.md)");
        return text.ToString();
    }

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

    public static JsonObject TrustPolicy(string account, string gitLabHost, string projectPath, string defaultBranch) => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Federated"] = $"arn:aws:iam::{account}:oidc-provider/{gitLabHost}" },
            ["Action"] = "sts:AssumeRoleWithWebIdentity",
            ["Condition"] = new JsonObject
            {
                ["StringEquals"] = new JsonObject
                {
                    [$"{gitLabHost}:aud"] = "sts.amazonaws.com",
                    [$"{gitLabHost}:sub"] = $"project_path:{projectPath}:ref_type:branch:ref:{defaultBranch}",
                },
            },
        }),
    };

    private static string Indent(string block) =>
        string.Join(Environment.NewLine, block.Split('\n').Select(line => "   " + line.TrimEnd('\r')));
}
