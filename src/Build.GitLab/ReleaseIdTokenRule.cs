using System.Text.Json;
using Nuke.Common.CI;

namespace Nuke.Common.CI.GitLab;

/// <summary>
/// Whether the generated release and preflight jobs ask GitLab for an ID token: only when the push may use the
/// deploy key (which is decrypted with KMS through that token). A job-token release needs no AWS at all, and a job
/// that asks for no ID token can hand none to anything it runs. Decided from committed files only — the build's
/// <c>PushWith</c> in <c>.nuke/parameters.json</c> and the encrypted key file — so the file a laptop generates is the
/// file a pipeline verifies, whatever variables either has. A build without a <c>PushWith</c> parameter pushes with
/// the deploy key only, and always gets the token.
/// </summary>
public static class ReleaseIdTokenRule
{
    public const string PushWithParameter = "PushWith";
    public const string DeployKeyFileParameter = "DeployKeyFile";
    public const string DefaultDeployKeyFile = ".nuke/deploy-key.enc";

    public static bool DeployKeyPossible(BuildModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.Parameters.Any(p => p.Name == PushWithParameter)) return true;
        var values = ReadParameters(Path.Combine(model.RootDirectory, ".nuke", "parameters.json"));
        var pushWith = (values.GetValueOrDefault(PushWithParameter) ?? "auto").Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        if (pushWith == "deploykey") return true;
        if (pushWith == "jobtoken") return false;
        var keyFile = values.GetValueOrDefault(DeployKeyFileParameter) ?? DefaultDeployKeyFile;
        return File.Exists(Path.IsPathRooted(keyFile) ? keyFile : Path.Combine(model.RootDirectory, keyFile));
    }

    private static Dictionary<string, string> ReadParameters(string file)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(file)) return values;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object) return values;
            foreach (var property in document.RootElement.EnumerateObject())
                if (property.Value.ValueKind == JsonValueKind.String) values[property.Name] = property.Value.GetString()!;
        }
        catch (JsonException)
        {
            // The build itself reports a malformed parameters.json with the line; generating keeps the safe default.
        }
        return values;
    }
}
