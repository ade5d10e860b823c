using System.Reflection;
using System.Text.Json;
using Nuke.Common.IO;

namespace Nuke.Common.ProjectModel;

/// <summary>
/// Injects the parsed <see cref="Solution"/>: <c>[Solution] readonly Solution Solution;</c>. The file is the one given
/// here (<c>[Solution("src/App.sln")]</c>), else <c>"Solution"</c> in .nuke/parameters.json (what <c>nuke :setup</c>
/// writes), else the <c>SOLUTION</c> environment variable, else the only .sln/.slnx in the root directory.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SolutionAttribute(string? relativePath = null) : ValueInjectionAttributeBase
{
    public string? RelativePath { get; } = relativePath;

    /// <summary>Accepted for Nuke builds; the generated project accessors are not produced here.</summary>
    public bool GenerateProjects { get; set; }

    public override async Task<object?> GetValueAsync(MemberInfo member, NukeBuild build, CancellationToken ct)
    {
        var root = ((INukeBuild)build).RootDirectory;
        return await Solution.ParseAsync(Locate(root, build.EnvironmentVariable), ct);
    }

    internal AbsolutePath Locate(AbsolutePath root, Func<string, string?> environment)
    {
        if (RelativePath is not null) return AbsolutePath.Resolve(RelativePath, root);
        if (FromParametersFile(root) is { } configured) return AbsolutePath.Resolve(configured, root);
        if ((environment("SOLUTION") ?? environment("NUKE_SOLUTION")) is { Length: > 0 } fromEnvironment) return AbsolutePath.Resolve(fromEnvironment, root);
        var candidates = root.GlobFiles("*.sln", "*.slnx");
        return candidates.Count == 1
            ? candidates.First()
            : throw new BuildException(
                candidates.Count == 0 ? $"No solution file (*.sln, *.slnx) in {root}." : $"More than one solution file in {root}: {string.Join(", ", candidates.Select(c => c.Name))}.",
                "Set \"Solution\" in .nuke/parameters.json to the solution's path relative to the root.");
    }

    private static string? FromParametersFile(AbsolutePath root)
    {
        var file = root / ".nuke" / "parameters.json";
        if (!file.FileExists()) return null;
        try
        {
            using var document = JsonDocument.Parse(file.ReadAllText(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("Solution", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null; // the parameter injector reports a malformed file with the fix
        }
    }
}
