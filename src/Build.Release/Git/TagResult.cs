namespace GitLabRelease.Git;

public enum TagOutcome
{
    Created,
    AlreadyExistsLocally,
    /// <summary>The remote had the tag on the same commit; it was fetched (or recreated) locally.</summary>
    AlreadyExistsOnRemote,
}

public sealed record TagResult(string TagName, string Commit, TagOutcome Outcome)
{
    public string Summary => Outcome switch
    {
        TagOutcome.Created => $"Created tag {TagName} on {Commit}.",
        TagOutcome.AlreadyExistsLocally => $"Tag {TagName} already exists on {Commit}; nothing to do.",
        _ => $"Tag {TagName} already exists on the remote on {Commit}; nothing to do.",
    };
}
