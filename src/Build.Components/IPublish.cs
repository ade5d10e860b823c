using GitLabRelease.GitLabApi;
using GitLabRelease.Git;
using GitLabRelease.Packages;
using Nuke.Common;
using Nuke.Components;

namespace GitLabRelease.Components;

/// <summary>
/// Publishes what Pack made to the project's GitLab NuGet registry ($CI_API_V4_URL/projects/$CI_PROJECT_ID/packages/nuget,
/// user gitlab-ci-token, the job token as password through a temporary NuGet config), after Push put the release tag
/// on GitLab and before Release, which links each package as an asset. A rerun uploads only what is not there yet.
/// </summary>
public interface IPublish : IPack, IHazGitLab
{
    const string LocalRunPublishesNothing = "a local run publishes no package: GitLab's package registry takes the pipeline's job token, "
        + "so the release job of a default-branch pipeline publishes";

    /// <summary>The packages of this run's Publish (uploaded or found already), for the Release's asset links.</summary>
    IReadOnlyList<PublishedPackage>? PublishedPackages => State.Get<PublishOutcome>()?.Packages;

    /// <summary>Push pushed the release tag in this run, or found it on GitLab already.</summary>
    bool TagIsOnGitLabForPublish => State.Get<PushResult>() is not null;

    Target Publish => _ => _
        .Description("Push the packages Pack made to the project's GitLab NuGet registry with the job token (only those not there yet); runs after Push, before Release")
        .DependsOn<IPack>(x => x.Pack)
        .TryTriggeredBy<IGitLabRelease>(x => x.Push)
        .OnlyWhenStatic(() => IsServerBuild, LocalRunPublishesNothing)
        .OnlyWhenStatic(() => GitLab.IsDefaultBranchPipeline, () => NotADefaultBranchPipeline)
        .OnlyWhenStatic(() => MissingApiReasonFor("the packages cannot be published") == null, () => MissingApiReasonFor("the packages cannot be published") ?? "")
        // Nothing is published for a version whose tag is not on GitLab: Push records the tag when it pushed (or found) it.
        .OnlyWhenDynamic(() => TagIsOnGitLabForPublish, "the release tag was not pushed in this run (Push did not run or was skipped)")
        .Executes(async () =>
        {
            var files = PackagesDirectory.DirectoryExists()
                ? Directory.GetFiles(PackagesDirectory, "*.nupkg").Order(StringComparer.Ordinal).ToList()
                : [];
            if (files.Count == 0)
                throw new BuildException($"There is no package in {PackagesDirectory} to publish.", "Run Publish through Pack (do not --skip Pack), and set <IsPackable>true</IsPackable> on the projects to publish.");
            var api = new GitLabProjectApi(new Uri(GitLab.ApiV4Url!), GitLab.ProjectId!, GitLab.JobToken!);
            var feed = NuGetFeed.GitLabProject(api.ApiUrl, api.ProjectId, api.JobToken);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
            try
            {
                var published = await new NuGetPublisher(Tools, Log, new PackageRegistryClient(http, api)).PublishAsync(files, feed, CancellationToken);
                State.Set(new PublishOutcome(published));
                Log.Information("Packages: {Uploaded} uploaded, {Existing} already in the registry", published.Count(p => p.Uploaded), published.Count(p => !p.Uploaded));
            }
            catch (BuildException e)
            {
                throw new BuildException($"{e.Message} ({GitLab.ApiSettings})", e.Fix, e);
            }
        });
}

/// <summary>What this run's Publish left in the registry.</summary>
public sealed record PublishOutcome(IReadOnlyList<PublishedPackage> Packages);
