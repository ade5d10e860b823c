namespace GitLabRelease.ReleaseNotes;

/// <summary>
/// Notes for release tag <see cref="TagName"/> on <see cref="Commit"/> (HEAD when null); the previous release is the
/// nearest tag reachable from the commit that starts with <see cref="TagPrefix"/> and a digit, other than this one.
/// </summary>
public sealed record ReleaseNotesRequest(string RepositoryDirectory, string TagName, string TagPrefix)
{
    public string? Commit { get; init; }
}
