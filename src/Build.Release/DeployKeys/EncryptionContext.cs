using Nuke.Common;

namespace GitLabRelease.DeployKeys;

/// <summary>
/// The KMS encryption context, written as <c>purpose=gitlab-deploy-key,project=group/project</c>. KMS binds
/// the ciphertext to it, and key policies can require it, so a role may decrypt only this project's key.
/// </summary>
public static class EncryptionContext
{
    public const string Purpose = "gitlab-deploy-key";

    public static string Default(string projectPath) => $"purpose={Purpose},project={projectPath}";

    public static Dictionary<string, string> Parse(string text)
    {
        var context = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0)
                throw new BuildException(
                    $"DeployKeyContext '{text}' is malformed: '{pair}' is not key=value.",
                    $"Set {Spelling.Parameter("DeployKeyContext")} as comma-separated key=value pairs, e.g. purpose=gitlab-deploy-key,project=group/project.");
            var key = pair[..equals].Trim();
            if (!context.TryAdd(key, pair[(equals + 1)..].Trim()))
                throw new BuildException(
                    $"DeployKeyContext '{text}' names '{key}' twice.",
                    $"Give each key once in {Spelling.Parameter("DeployKeyContext")}.");
        }
        if (context.Count == 0)
            throw new BuildException(
                "DeployKeyContext is empty.",
                $"Set {Spelling.Parameter("DeployKeyContext")}, e.g. purpose=gitlab-deploy-key,project=group/project.");
        return context;
    }

    public static string Format(IReadOnlyDictionary<string, string> context) =>
        string.Join(",", context.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
