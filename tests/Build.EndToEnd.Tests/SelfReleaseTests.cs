using System.Text.Json.Nodes;
using EndToEnd.Tests.Support;
using GitLabRelease.Git;

namespace EndToEnd.Tests;

/// <summary>
/// #12's "done when": this repository's own release job, run on a clone of this repository against the GitLab peers
/// (ThisRepositoryRelease), leaves exactly one tag, one Release whose description is the notes, and every package of
/// this repository in the registry at GitVersion's version, each linked from the Release; run again, it changes nothing.
/// </summary>
[Collection(ReleaseCollection.Name)]
public sealed class SelfReleaseTests
{
    [Fact]
    public async Task This_repository_s_release_job_leaves_one_tag_one_Release_with_the_notes_and_its_packages_at_GitVersion_s_version_and_a_rerun_changes_nothing()
    {
        using var release = await ThisRepositoryRelease.ReleaseAsync();
        var first = release.First;
        Assert.True(first.ExitCode == 0, first.ToString());
        var project = ThisRepositoryRelease.Project;

        // GitVersion's version (its own output, not assumed) is the one the copy's configuration asked for.
        var version = release.SemVer;
        Assert.Equal(release.NextVersion, version);
        Assert.Contains($"Version {version} (", first.Output);
        var tag = "v" + version;

        // Exactly one tag on GitLab, on the released commit, pushed with the job token, with the notes as its message.
        Assert.Equal([tag], release.Http.Tags(project));
        Assert.Equal(release.Copy.Head, release.Http.TagCommit(project, tag));
        Assert.Contains("Pushing with the CI job token (PushWith=auto, no encrypted deploy key, in a GitLab pipeline)", first.Output);
        var notes = release.ReleaseNotes;
        Assert.Contains($"release a version no earlier run used (SelfReleaseTests) ({release.Copy.Head[..8]})", notes); // the released commit
        Assert.Equal($"Release {version}\n\n{notes}".TrimEnd(),
            Fixtures.Ssh.FixtureProcess.Git(release.Http.ProjectPath(project), "tag", "-l", "--format=%(contents)", tag).StandardOutput.TrimEnd());

        // Exactly one Release: named after the tag, the notes as its description.
        var gitlabRelease = release.ReleaseAfterFirst;
        Assert.NotNull(gitlabRelease);
        Assert.Equal(1, release.Api.Requests.Count(r => r.StartsWith("POST ", StringComparison.Ordinal) && r.EndsWith("/releases -> 201", StringComparison.Ordinal)));
        Assert.Equal(tag, gitlabRelease!["name"]!.GetValue<string>());
        Assert.Equal(notes, gitlabRelease["description"]!.GetValue<string>());

        // Every package of this repository (one per src/ project), at exactly that version, once, and a package link for each.
        var projects = Directory.GetDirectories(Path.Combine(release.Copy.Path, "src")).Length;
        Assert.Equal(projects, ThisRepositoryRelease.PackageIds.Length);
        Assert.Equal(ThisRepositoryRelease.PackageIds.Select(id => $"{id}.{version}.nupkg"), release.PackedFiles);
        Assert.Equal(ThisRepositoryRelease.PackageIds.Select(id => $"{id} {version} 1"), release.PackagesAfterFirst.Order(StringComparer.Ordinal));
        Assert.Equal(ThisRepositoryRelease.PackageIds.Length, release.UploadsAfterFirst);
        Assert.Contains("Packages: 5 uploaded, 0 already in the registry", first.Output);
        var links = gitlabRelease["assets"]!["links"]!.AsArray().Select(l => (JsonObject)l!).ToList();
        Assert.Equal(ThisRepositoryRelease.PackageIds.Length, links.Count);
        Assert.All(links, l => Assert.Equal("package", l["link_type"]!.GetValue<string>()));
        var pages = release.Api.Packages.ToDictionary(p => p.Name, p => new Uri(release.Api.ApiUrl, release.Api.ProjectWebPath(p.Id)).AbsoluteUri);
        Assert.Equal(ThisRepositoryRelease.PackageIds.Select(id => pages[id]).Order(StringComparer.Ordinal),
            links.Select(l => l["url"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(ThisRepositoryRelease.PackageIds, id => Assert.Contains(links, l => l["name"]!.GetValue<string>().Contains(id, StringComparison.Ordinal)));
        // No symbol package: nothing here sets IncludeSymbols, so there is no .snupkg to push (and none was).
        Assert.DoesNotContain(release.PackedFiles, f => f.EndsWith(".snupkg", StringComparison.Ordinal));
        Assert.DoesNotContain(release.Api.Requests, r => r.Contains("/symbolpackage", StringComparison.Ordinal));

        // The rerun: the tag is there, no package is uploaded again, the Release is unchanged.
        var rerun = release.Rerun;
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Contains($"Tag {tag} is already on the remote", rerun.Output);
        Assert.Contains("Packages: 0 uploaded, 5 already in the registry", rerun.Output);
        Assert.Equal([tag], release.Http.Tags(project));
        Assert.Equal(release.WritesAfterFirst, release.Api.Writes);
        Assert.Equal(release.UploadsAfterFirst, release.Api.Uploads);
        Assert.True(JsonNode.DeepEquals(gitlabRelease, release.Api.Release(tag)), release.Api.Release(tag)?.ToJsonString());

        // The job token: in no output or log, no file of the work tree, no leftover secret file, no URL GitLab saw.
        string[] forms = [release.JobToken, JobTokenCredential.BasicValue(release.JobToken)];
        foreach (var run in new[] { release.CompileJob, first, rerun }) SecretChecks.AssertNotIn(run, forms);
        Assert.Empty(SecretChecks.LeftoverFilesContaining(forms));
        Assert.Empty(Fixtures.SecretScan.FilesContaining(forms, release.Copy.Path));
        Assert.All(release.Http.RequestTexts, text => Assert.All(forms, f => Assert.DoesNotContain(f, text, StringComparison.Ordinal)));
    }
}
