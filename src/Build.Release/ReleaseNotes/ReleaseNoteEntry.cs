namespace GitLabRelease.ReleaseNotes;

/// <summary>One line of the notes: the commit's parsed message, its short SHA and the merge request that brought it.</summary>
public sealed record ReleaseNoteEntry(string Sha, ConventionalCommit Commit, string? MergeRequest)
{
    /// <summary>Eight characters, as GitLab's CI_COMMIT_SHORT_SHA: fixed, so the notes do not change as the repository grows.</summary>
    public string ShortSha => Sha.Length > 8 ? Sha[..8] : Sha;

    public string Markdown => MergeRequest is null
        ? $"- {Commit.Text} ({ShortSha})"
        : $"- {Commit.Text} ({ShortSha}, {MergeRequest})";
}
