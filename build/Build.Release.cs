using Build.Engine;
using Build.Release.Git;

namespace BuildScript;

partial class Build
{
    [Parameter("SSH URL the release tag is pushed to; default ssh://git@$CI_SERVER_SHELL_SSH_HOST:$CI_SERVER_SHELL_SSH_PORT/$CI_PROJECT_PATH.git")]
    readonly string? PushUrl;

    [Parameter("GitLab's SSH host keys (known_hosts lines, or a path to such a file); the push refuses any other host key")]
    readonly string? SshKnownHosts;

    [Parameter("Prefix of the release tag")]
    readonly string TagPrefix = "v";

    string TagName => TagPrefix + GitVersion.SemVer;
    string ReleasePushUrl => PushUrl ?? GitLabPushUrl.FromEnvironment(EnvironmentVariable);

    // Releases come only from green default-branch pipelines; a laptop may tag to try the flow.
    bool IsReleasePipeline => IsLocalBuild || GitLab.IsDefaultBranchPipeline;
    string NotReleasePipeline => $"not a default-branch push pipeline (branch {GitLab.CommitRefName ?? "?"}, "
        + $"default {GitLab.DefaultBranch ?? "?"}, source {GitLab.PipelineSource ?? "?"})";

    Target Tag => _ => _
        .Description("Create the release tag (TagPrefix + SemVer, annotated) on the tested commit; triggers Push")
        .DependsOn(Test, Version)
        .OnlyWhenStatic(() => IsReleasePipeline, NotReleasePipeline)
        .Triggers(Push)
        .Executes(async () =>
        {
            var result = await new GitTagger(Tools, Log).CreateTagAsync(new TagRequest(RootDirectory, TagName, GitVersion.SemVer)
            {
                Commit = GitLab.CommitSha,
                Tagger = GitIdentity.FromGitLab(GitLab.UserName, GitLab.UserEmail),
                Remote = "origin",
            }, CancellationToken);
            Log.Information("{Summary:l}", result.Summary);
        });

    Target Push => _ => _
        .Description("Push the release tag to GitLab over SSH with the deploy key, host keys pinned, -o ci.skip")
        .DependsOn(DecryptDeployKey, Tag)
        .OnlyWhenStatic(() => IsReleasePipeline, NotReleasePipeline)
        .OnlyWhenStatic(() => IsServerBuild || DeployKeyFile.FileExists, NoReleaseSetup)
        .Executes(async () =>
        {
            var result = await new TagPusher(Tools, Log).PushAsync(
                new PushRequest(RootDirectory, TagName, ReleasePushUrl, DecryptedKey!.KeyFile, SshKnownHosts)
                {
                    KeyFingerprint = DecryptedKey.Fingerprint,
                    ExpectedFingerprint = DeployKeyFingerprint,
                }, CancellationToken);
            Log.Information("{Summary:l}", result.Summary);
        });
}
