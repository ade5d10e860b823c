using System.Text;

namespace GitLabRelease.ReleaseNotes;

/// <summary>
/// The notes of one release: the commits in (<see cref="PreviousTag"/>, <see cref="Commit"/>], newest first within
/// each section. <see cref="Markdown"/> is what the tag message, artifacts/release-notes.md and the GitLab Release carry.
/// </summary>
public sealed record ReleaseNotes(string Commit, string? PreviousTag, IReadOnlyList<ReleaseNoteEntry> Entries)
{
    private static readonly (ChangeKind Kind, string Title)[] Sections =
    [
        (ChangeKind.Breaking, "Breaking changes"),
        (ChangeKind.Feature, "Features"),
        (ChangeKind.Fix, "Bug fixes"),
        (ChangeKind.Other, "Other"),
    ];

    public string Markdown
    {
        get
        {
            if (Entries.Count == 0)
                return PreviousTag is null ? "No changes.\n" : $"No changes since {PreviousTag}.\n";
            var text = new StringBuilder();
            foreach (var (kind, title) in Sections)
            {
                var lines = Entries.Where(e => e.Commit.Kind == kind).ToList();
                if (lines.Count == 0) continue;
                if (text.Length > 0) text.Append('\n');
                text.Append("## ").Append(title).Append("\n\n");
                foreach (var line in lines) text.Append(line.Markdown).Append('\n');
            }
            return text.ToString();
        }
    }

    /// <summary>The annotated tag's message: "Release X.Y.Z", a blank line, the notes (kept verbatim by the tagger).</summary>
    public string TagMessage(string semVer) => $"Release {semVer}\n\n{Markdown}";
}
