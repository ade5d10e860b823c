namespace GitLabRelease.GitLabApi;

/// <summary>The GitLab Release the build wants for <see cref="TagName"/>: its name, Markdown description and asset links.</summary>
public sealed record ReleaseSpec(string TagName, string Name, string Description, IReadOnlyList<ReleaseLink> Links);

/// <summary>An asset link of a Release; <see cref="LinkType"/> is one of other, runbook, image, package.</summary>
public sealed record ReleaseLink(string Name, string Url, string LinkType = "other");

public enum ReleaseOutcome
{
    Created,
    Updated,
    Unchanged,
}
