namespace GitLabRelease.ReleaseNotes;

/// <summary>The release-notes section a commit belongs to, in the order the sections are written.</summary>
public enum ChangeKind
{
    Breaking,
    Feature,
    Fix,
    Other,
}
