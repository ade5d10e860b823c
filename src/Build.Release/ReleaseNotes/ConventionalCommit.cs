using System.Text.RegularExpressions;

namespace GitLabRelease.ReleaseNotes;

/// <summary>
/// A commit message read the Conventional Commits way (https://www.conventionalcommits.org/en/v1.0.0/):
/// <c>type(scope)!: description</c>, with a <c>BREAKING CHANGE:</c> (or <c>BREAKING-CHANGE:</c>) footer also marking
/// a breaking change. A message that does not follow the convention is kept whole as an <see cref="ChangeKind.Other"/>.
/// </summary>
public sealed partial record ConventionalCommit(ChangeKind Kind, string? Type, string? Scope, string Description)
{
    public static ConventionalCommit Parse(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var lines = message.ReplaceLineEndings("\n").Split('\n');
        var subject = lines.FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";
        var breakingFooter = lines.Skip(1).Any(l => BreakingFooter().IsMatch(l));

        var header = Header().Match(subject);
        if (!header.Success) return new ConventionalCommit(breakingFooter ? ChangeKind.Breaking : ChangeKind.Other, null, null, subject);

        var type = header.Groups["type"].Value.ToLowerInvariant();
        var scope = header.Groups["scope"].Success && header.Groups["scope"].Value.Trim().Length > 0 ? header.Groups["scope"].Value.Trim() : null;
        var kind = header.Groups["bang"].Success || breakingFooter ? ChangeKind.Breaking
            : type switch { "feat" => ChangeKind.Feature, "fix" => ChangeKind.Fix, _ => ChangeKind.Other };
        return new ConventionalCommit(kind, type, scope, header.Groups["description"].Value.Trim());
    }

    /// <summary>The line as the notes show it: <c>**scope:** description</c>, or the plain subject.</summary>
    public string Text => Scope is null ? Description : $"**{Scope}:** {Description}";

    [GeneratedRegex(@"^(?<type>[A-Za-z][A-Za-z0-9-]*)(\((?<scope>[^()\n]*)\))?(?<bang>!)?: +(?<description>\S.*)$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^BREAKING[ -]CHANGE: ")]
    private static partial Regex BreakingFooter();
}
