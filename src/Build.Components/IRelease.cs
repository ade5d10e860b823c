using GitLabRelease.Git;
using GitLabRelease.GitLabApi;
using Nuke.Common;

namespace GitLabRelease.Components;

/// <summary>
/// The GitLab Release of the pushed release tag (name = tag, description = the release notes), created or updated
/// through the Releases API with the job token. Push triggers it; a rerun finds the Release and changes nothing.
/// </summary>
public interface IRelease : IHazGitLab
{
    /// <summary>The release tag; IGitLabRelease supplies its own.</summary>
    string ReleaseTag { get; }

    /// <summary>The notes Tag wrote in this run (also in artifacts/release-notes.md and the tag message).</summary>
    GitLabRelease.ReleaseNotes.ReleaseNotes? ReleaseNotesOfThisRun => State.Get<GitLabRelease.ReleaseNotes.ReleaseNotes>();

    const string LocalRunCreatesNoRelease = "a local run creates no GitLab Release: the Releases API is called with the pipeline's job token, "
        + "so the release job of a default-branch pipeline does it";

    string NotAReleasePipeline => NotADefaultBranchPipeline;

    /// <summary>Push pushed the release tag in this run, or found it on GitLab already.</summary>
    bool TagIsOnGitLab => State.Get<PushResult>() is not null;

    /// <summary>Why the Releases API cannot be called from this job, or null when it can.</summary>
    string? MissingApiReason => MissingApiReasonFor("the GitLab Release cannot be created");

    Target Release => _ => _
        .Description("Create or update the GitLab Release of the pushed release tag (name = tag, description = the release notes) with the job token")
        // Packages first: a Release never lacks the asset links of what this version publishes.
        .TryDependsOn<IPublish>(x => x.Publish)
        .OnlyWhenStatic(() => IsServerBuild, LocalRunCreatesNoRelease)
        .OnlyWhenStatic(() => GitLab.IsDefaultBranchPipeline, () => NotAReleasePipeline)
        .OnlyWhenStatic(() => MissingApiReason == null, () => MissingApiReason ?? "")
        // Only a tag that is on GitLab can carry a Release: Push records it when it pushed (or found) the tag.
        .OnlyWhenDynamic(() => TagIsOnGitLab, "the release tag was not pushed in this run (Push did not run or was skipped)")
        .Executes(async () =>
        {
            var notes = ReleaseNotesOfThisRun
                ?? throw new BuildException($"No release notes were collected for {ReleaseTag} in this run.", "Run Release through Tag (./build.sh Tag), which collects the notes and pushes the tag.");
            var api = new GitLabProjectApi(new Uri(GitLab.ApiV4Url!), GitLab.ProjectId!, GitLab.JobToken!);
            // Each package Publish put in (or found in) the registry becomes an asset link to its page there.
            IReadOnlyList<ReleaseLink> links = this is IPublish publish && publish.PublishedPackages is { } packages
                ? [.. packages.Select(p => p.ReleaseLink)]
                : [];
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
            try
            {
                var outcome = await new ReleasesClient(http, api, Log)
                    .EnsureAsync(new ReleaseSpec(ReleaseTag, ReleaseTag, notes.Markdown, links), CancellationToken);
                Log.Information("GitLab Release {Tag:l}: {Outcome}", ReleaseTag, outcome);
            }
            catch (BuildException e)
            {
                // The client names the cause and the fix; the settings it used are spelled here, where they are read.
                throw new BuildException($"{e.Message} ({GitLab.ApiSettings})", e.Fix, e);
            }
        });
}
