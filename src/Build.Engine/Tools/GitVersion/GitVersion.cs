using System.Text.Json;

namespace Nuke.Common.Tools.GitVersion;

/// <summary>
/// GitVersion's variables with Nuke's names: <c>[GitVersion] readonly GitVersion GitVersion;</c>. GitVersion 6 no
/// longer prints the 5.x variables NuGetVersionV2, NuGetVersion and LegacySemVer; they read as SemVer here (what
/// GitVersion's migration notes recommend), and as GitVersion's own value when it does print them. The one list of
/// GitVersion's variables: the release flow's runner returns a record derived from this one.
/// </summary>
public record GitVersion
{
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
    public string BuildMetaDataPadded { get; init; } = "";
    public string FullBuildMetaData { get; init; } = "";
    public string MajorMinorPatch { get; init; } = "";
    public string SemVer { get; init; } = "";
    public string LegacySemVer { get; init; } = "";
    public string LegacySemVerPadded { get; init; } = "";
    public string AssemblySemVer { get; init; } = "";
    public string AssemblySemFileVer { get; init; } = "";
    public string FullSemVer { get; init; } = "";
    public string InformationalVersion { get; init; } = "";
    public string BranchName { get; init; } = "";
    public string EscapedBranchName { get; init; } = "";
    public string Sha { get; init; } = "";
    public string ShortSha { get; init; } = "";
    public string NuGetVersionV2 { get; init; } = "";
    public string NuGetVersion { get; init; } = "";
    public string NuGetPreReleaseTagV2 { get; init; } = "";
    public string NuGetPreReleaseTag { get; init; } = "";
    public string VersionSourceSha { get; init; } = "";
    /// <summary>GitVersion 6's name for the distance to the version source (CommitsSinceVersionSource).</summary>
    public int? VersionSourceDistance { get; init; }
    public string VersionSourceSemVer { get; init; } = "";
    public int? CommitsSinceVersionSource { get; init; }
    public string CommitsSinceVersionSourcePadded { get; init; } = "";
    public int? UncommittedChanges { get; init; }
    public string CommitDate { get; init; } = "";

    /// <summary>
    /// Parses <c>gitversion /output json</c>. GitVersion 6 prints some fields as numbers, some as strings and some as
    /// null depending on version and state, so every field accepts any of them; what is not a JSON object is a
    /// <see cref="FormatException"/>.
    /// </summary>
    public static GitVersion Parse(string json)
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
            string Text(string name) => root.TryGetProperty(name, out var v)
                ? v.ValueKind switch
                {
                    JsonValueKind.String => v.GetString() ?? "",
                    JsonValueKind.Number => v.GetRawText(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => "",
                }
                : "";
            int? Number(string name) => int.TryParse(Text(name), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
            string Or(string value, string fallback) => value.Length > 0 ? value : fallback;
            var semVer = Text("SemVer");
            return new GitVersion
            {
                Major = Number("Major") ?? 0,
                Minor = Number("Minor") ?? 0,
                Patch = Number("Patch") ?? 0,
                PreReleaseTag = Text("PreReleaseTag"),
                PreReleaseTagWithDash = Text("PreReleaseTagWithDash"),
                PreReleaseLabel = Text("PreReleaseLabel"),
                PreReleaseLabelWithDash = Text("PreReleaseLabelWithDash"),
                PreReleaseNumber = Number("PreReleaseNumber"),
                WeightedPreReleaseNumber = Number("WeightedPreReleaseNumber"),
                BuildMetaData = Number("BuildMetaData"),
                BuildMetaDataPadded = Text("BuildMetaDataPadded"),
                FullBuildMetaData = Text("FullBuildMetaData"),
                MajorMinorPatch = Text("MajorMinorPatch"),
                SemVer = semVer,
                LegacySemVer = Or(Text("LegacySemVer"), semVer),
                LegacySemVerPadded = Or(Text("LegacySemVerPadded"), semVer),
                AssemblySemVer = Text("AssemblySemVer"),
                AssemblySemFileVer = Text("AssemblySemFileVer"),
                FullSemVer = Text("FullSemVer"),
                InformationalVersion = Text("InformationalVersion"),
                BranchName = Text("BranchName"),
                EscapedBranchName = Text("EscapedBranchName"),
                Sha = Text("Sha"),
                ShortSha = Text("ShortSha"),
                NuGetVersionV2 = Or(Text("NuGetVersionV2"), semVer),
                NuGetVersion = Or(Text("NuGetVersion"), semVer),
                NuGetPreReleaseTagV2 = Or(Text("NuGetPreReleaseTagV2"), Text("PreReleaseTag")),
                NuGetPreReleaseTag = Or(Text("NuGetPreReleaseTag"), Text("PreReleaseTag")),
                VersionSourceSha = Text("VersionSourceSha"),
                VersionSourceDistance = Number("VersionSourceDistance"),
                VersionSourceSemVer = Text("VersionSourceSemVer"),
                CommitsSinceVersionSource = Number("CommitsSinceVersionSource"),
                CommitsSinceVersionSourcePadded = Text("CommitsSinceVersionSourcePadded"),
                UncommittedChanges = Number("UncommittedChanges"),
                CommitDate = Text("CommitDate"),
            };
        }
    }
}
