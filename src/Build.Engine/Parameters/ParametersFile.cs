using System.Text.Json;
using Nuke.Common.CommandLine;
using Nuke.Common.IO;

namespace Nuke.Common.Parameters;

/// <summary>
/// .nuke/parameters.json: an object of parameter names to values, read once a run. The values are looked up in the
/// parsed document itself: copying them into a dictionary of JSON elements made the runtime compile a dozen generic
/// collection methods on every run (bench/startup.sh), for a file of a few properties.
/// </summary>
internal sealed class ParametersFile
{
    public const string FileName = "parameters.json";

    // Never disposed: the document lives as long as the run, and its pooled buffers are a few hundred bytes.
    private readonly JsonDocument? _document;

    private ParametersFile(JsonDocument? document) => _document = document;

    public static ParametersFile Empty { get; } = new(null);

    public static ParametersFile Read(AbsolutePath nukeDirectory)
    {
        var path = nukeDirectory / FileName;
        if (!path.FileExists()) return Empty;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw Invalid(e.Message);
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object) throw Invalid("the top level is not an object");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
            if (!seen.Add(NameText.Normalize(property.Name)))
                throw new BuildException($".nuke/{FileName} sets parameter \"{property.Name}\" twice (names are compared ignoring case, '-' and '_').",
                    "Keep one of the two properties.");
        return new ParametersFile(document);
    }

    /// <summary>The property whose name is <paramref name="normalizedName"/> (see <see cref="NameText.Normalize"/>).</summary>
    public bool TryFind(string normalizedName, out string name, out JsonElement value)
    {
        if (_document is not null)
            foreach (var property in _document.RootElement.EnumerateObject())
            {
                if (property.Name == "$schema" || NameText.Normalize(property.Name) != normalizedName) continue;
                (name, value) = (property.Name, property.Value);
                return true;
            }
        (name, value) = ("", default);
        return false;
    }

    /// <summary>A list of names (Target, Skip), or null when the file does not set one.</summary>
    public IReadOnlyList<string>? List(string parameter)
    {
        if (!TryFind(NameText.Normalize(parameter), out _, out var value) || value.ValueKind != JsonValueKind.Array) return null;
        var names = new List<string>();
        foreach (var element in value.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.String)
                throw new BuildException($".nuke/{FileName} property \"{parameter}\" lists {element.GetRawText()}, which is not a target name.", "List target names as strings.");
            if (element.GetString() is { Length: > 0 } text) names.Add(text);
        }
        return names;
    }

    private static BuildException Invalid(string why) =>
        new($".nuke/{FileName} is not valid JSON: {why}", "Fix the file; it is an object of parameter names to values.");
}
