using System.Text.Json;
using System.Text.Json.Nodes;
using Nuke.Common;

namespace GitLabRelease.DeployKeys;

/// <summary><c>.nuke/parameters.json</c>: merges values by member name and keeps every other entry as it was.</summary>
public static class ParametersFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>A null value removes the entry.</summary>
    public static void Merge(string path, IReadOnlyDictionary<string, string?> values)
    {
        JsonObject root;
        if (File.Exists(path) && File.ReadAllText(path) is { } text && !string.IsNullOrWhiteSpace(text))
        {
            try
            {
                root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
                    as JsonObject ?? throw new JsonException("not an object");
            }
            catch (JsonException e)
            {
                throw new BuildException($"{path} is not a JSON object ({e.Message}).", $"Fix or delete {path}; it holds parameters by member name, e.g. {{ \"KmsKeyId\": \"...\" }}.", e);
            }
        }
        else
        {
            root = new JsonObject { ["$schema"] = "./build.schema.json" };
        }

        foreach (var (name, value) in values)
        {
            if (value is null) root.Remove(name);
            else root[name] = value;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, root.ToJsonString(Indented) + "\n");
    }
}
