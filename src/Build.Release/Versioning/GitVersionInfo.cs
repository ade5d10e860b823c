using System.Globalization;
using System.Text.Json;

namespace GitLabRelease.Versioning;

/// <summary>
/// GitVersion's output variables, typed. <see cref="RawJson"/> keeps GitVersion's own JSON so artifacts carry
/// every variable, including ones this record does not name.
/// </summary>
public sealed record GitVersionInfo
{
    public required string SemVer { get; init; }
    public required string FullSemVer { get; init; }
    public required string MajorMinorPatch { get; init; }
    public int Major { get; init; }
    public int Minor { get; init; }
    public int Patch { get; init; }
    public string PreReleaseTag { get; init; } = "";
    public string PreReleaseTagWithDash { get; init; } = "";
    public string PreReleaseLabel { get; init; } = "";
    public string PreReleaseLabelWithDash { get; init; } = "";
    public int? PreReleaseNumber { get; init; }
    public int? WeightedPreReleaseNumber { get; init; }
    public int? BuildMetaData { get; init; }
    public string FullBuildMetaData { get; init; } = "";
    public required string InformationalVersion { get; init; }
    public required string AssemblySemVer { get; init; }
    public required string AssemblySemFileVer { get; init; }
    public required string Sha { get; init; }
    public string ShortSha { get; init; } = "";
    public string BranchName { get; init; } = "";
    public string EscapedBranchName { get; init; } = "";
    public int? CommitsSinceVersionSource { get; init; }
    public int? VersionSourceDistance { get; init; }
    public string VersionSourceSha { get; init; } = "";
    public string VersionSourceSemVer { get; init; } = "";
    public int? UncommittedChanges { get; init; }
    /// <summary>GitVersion's CommitDate text (format set by <c>commit-date-format</c>); see <see cref="CommitDateValue"/>.</summary>
    public string CommitDate { get; init; } = "";
    public DateOnly? CommitDateValue =>
        DateOnly.TryParseExact(CommitDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
    /// <summary>GitVersion's JSON exactly as it printed it.</summary>
    public required string RawJson { get; init; }

    /// <summary>
    /// Parses <c>gitversion /output json</c>. GitVersion 6 prints some fields as numbers, some as strings and
    /// some as null depending on version and state, so every field accepts any of them.
    /// </summary>
    public static GitVersionInfo Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"GitVersion's output is not JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException("GitVersion's output is not a JSON object.");
            return new GitVersionInfo
            {
                SemVer = Required(root, "SemVer"),
                FullSemVer = Required(root, "FullSemVer"),
                MajorMinorPatch = Required(root, "MajorMinorPatch"),
                Major = Int(root, "Major") ?? 0,
                Minor = Int(root, "Minor") ?? 0,
                Patch = Int(root, "Patch") ?? 0,
                PreReleaseTag = Text(root, "PreReleaseTag"),
                PreReleaseTagWithDash = Text(root, "PreReleaseTagWithDash"),
                PreReleaseLabel = Text(root, "PreReleaseLabel"),
                PreReleaseLabelWithDash = Text(root, "PreReleaseLabelWithDash"),
                PreReleaseNumber = Int(root, "PreReleaseNumber"),
                WeightedPreReleaseNumber = Int(root, "WeightedPreReleaseNumber"),
                BuildMetaData = Int(root, "BuildMetaData"),
                FullBuildMetaData = Text(root, "FullBuildMetaData"),
                InformationalVersion = Required(root, "InformationalVersion"),
                AssemblySemVer = Required(root, "AssemblySemVer"),
                AssemblySemFileVer = Required(root, "AssemblySemFileVer"),
                Sha = Required(root, "Sha"),
                ShortSha = Text(root, "ShortSha"),
                BranchName = Text(root, "BranchName"),
                EscapedBranchName = Text(root, "EscapedBranchName"),
                CommitsSinceVersionSource = Int(root, "CommitsSinceVersionSource"),
                VersionSourceDistance = Int(root, "VersionSourceDistance"),
                VersionSourceSha = Text(root, "VersionSourceSha"),
                VersionSourceSemVer = Text(root, "VersionSourceSemVer"),
                UncommittedChanges = Int(root, "UncommittedChanges"),
                CommitDate = Text(root, "CommitDate"),
                RawJson = json.Trim(),
            };
        }
    }

    private static string Required(JsonElement root, string name)
    {
        var value = Text(root, name);
        return value.Length > 0 ? value : throw new FormatException($"GitVersion's output has no {name}.");
    }

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() ?? "",
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => "",
            }
            : "";

    private static int? Int(JsonElement root, string name) =>
        int.TryParse(Text(root, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;
}
