using Nuke.Common;

namespace GitLabRelease.Git;

internal static class TagConflict
{
    public static BuildException Create(string tagName, string where, string existingCommit, string wantedCommit) => new(
        $"Tag {tagName} already exists {where} on commit {existingCommit}, but this build is for commit {wantedCommit}.",
        $"Bump the version: push a commit whose message contains '+semver: patch' (or minor/major) so GitVersion computes a new version. "
        + $"If {tagName} was created by mistake, delete it (git tag -d {tagName} && git push origin :refs/tags/{tagName}, "
        + "or GitLab > Code > Tags) and rerun the pipeline.");
}
