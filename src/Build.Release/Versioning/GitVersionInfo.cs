using System.Globalization;
using Nuke.Common.Tools.GitVersion;

namespace GitLabRelease.Versioning;

/// <summary>
/// GitVersion's variables as the release flow uses them: Nuke's <see cref="GitVersion"/> (the one list of the
/// variables), checked for the ones a release needs, with <see cref="RawJson"/>, GitVersion's own JSON, so artifacts
/// carry every variable, including ones neither record names.
/// </summary>
public sealed record GitVersionInfo : GitVersion
{
    private GitVersionInfo(GitVersion variables, string rawJson) : base(variables) => RawJson = rawJson;

    /// <summary>GitVersion's CommitDate as a date, when it has the default <c>commit-date-format</c> (yyyy-MM-dd).</summary>
    public DateOnly? CommitDateValue =>
        DateOnly.TryParseExact(CommitDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>GitVersion's JSON exactly as it printed it.</summary>
    public string RawJson { get; }

    /// <summary>Parses <c>gitversion /output json</c> (as <see cref="GitVersion.Parse"/>); a variable a release needs missing is a <see cref="FormatException"/>.</summary>
    public static new GitVersionInfo Parse(string json)
    {
        var variables = GitVersion.Parse(json);
        (string Name, string Value)[] required =
        [
            (nameof(SemVer), variables.SemVer), (nameof(FullSemVer), variables.FullSemVer), (nameof(MajorMinorPatch), variables.MajorMinorPatch),
            (nameof(InformationalVersion), variables.InformationalVersion), (nameof(AssemblySemVer), variables.AssemblySemVer),
            (nameof(AssemblySemFileVer), variables.AssemblySemFileVer), (nameof(Sha), variables.Sha),
        ];
        foreach (var (name, value) in required)
            if (value.Length == 0) throw new FormatException($"GitVersion's output has no {name}.");
        return new GitVersionInfo(variables, json.Trim());
    }
}
