namespace GitLabRelease.Git;

public enum PushOutcome
{
    Pushed,
    /// <summary>The remote already had the tag on the same commit (a rerun, or a concurrent pipeline won the race).</summary>
    AlreadyOnRemote,
}

public sealed record PushResult(string TagName, string Commit, PushOutcome Outcome, int Attempts)
{
    public string Summary => Outcome == PushOutcome.Pushed
        ? $"Pushed tag {TagName} ({Commit})."
        : $"Tag {TagName} is already on the remote at {Commit}; nothing to push.";
}
