using EndToEnd.Tests.Support;
using Fixtures.GitLab;
using GitLabRelease.Git;

namespace EndToEnd.Tests;

/// <summary>
/// The release job in job-token mode (no .nuke/deploy-key.enc, so PushWith=auto picks the job token): the built
/// build pushes the tag over smart HTTP to GitLab's endpoint (git http-backend behind GitLab's checks) as
/// gitlab-ci-token, creates the Release with the same token, and every refusal GitLab makes gives its cause and fix.
/// </summary>
[Collection(ReleaseCollection.Name)]
public sealed class JobTokenReleaseTests(ReleaseFixture fixture)
{
    private static readonly string[] ReleaseJob = ["Tag", "--skip", "Restore", "Compile", "Test"];

    private async Task<ReleaseRepo> JobTokenRepoAsync(bool allowJobTokenPush = true)
    {
        var release = await fixture.CreateRepoAsync(withReleaseSetup: false);
        release.PublishOverHttp(allowJobTokenPush);
        return release;
    }

    [Fact]
    public async Task A_job_token_release_lands_the_tag_over_HTTPS_creates_the_Release_decrypts_nothing_and_a_rerun_is_a_no_op()
    {
        using var release = await JobTokenRepoAsync();
        using var gitlab = release.StartHttpApi();
        var decrypts = fixture.Kms.CountOf("Decrypt");
        // The test repository has no solution to pack: Publish takes the packages a Pack would have left.
        var packages = Path.Combine(release.Repo.Path, "artifacts", "packages");
        Fixtures.GitLab.NuGetPackages.Write(packages, "Acme.Lib", "1.0.0");
        string[] releaseJob = [.. ReleaseJob, "Pack"];

        var first = await release.JobTokenPipeline(gitlab).RunAsync(releaseJob);

        Assert.True(first.ExitCode == 0, first.ToString());
        var tag = release.Repo.Git("tag", "--points-at", "HEAD");
        Assert.StartsWith("v", tag);
        Assert.Equal(release.Repo.Head, fixture.Http.TagCommit(release.Project, tag));
        Assert.Equal("ci.skip", fixture.Http.PushOptions(release.Project)[^1]); // the first line is the fixture's own push of main
        Assert.Empty(fixture.Sshd.Tags(release.Project)); // PUSH_URL names the sshd: the job token never goes there
        Assert.Contains("Pushing with the CI job token (PushWith=auto, no encrypted deploy key, in a GitLab pipeline)", first.Output);
        Assert.Contains("PushUrl and SshKnownHosts apply to deploy-key pushes only", first.Output);
        Assert.Matches(@"DecryptDeployKey\s+Skipped", first.Output);
        Assert.Equal(decrypts, fixture.Kms.CountOf("Decrypt"));
        Assert.Equal(tag, gitlab.Release(tag)!["name"]!.GetValue<string>());
        Assert.Equal(["Acme.Lib 1.0.0"], gitlab.Packages.Select(p => $"{p.Name} {p.Version}"));
        Assert.Single(gitlab.Release(tag)!["assets"]!["links"]!.AsArray());
        Assert.Contains($"POST /{release.Project}.git/git-receive-pack -> 200", fixture.Http.Requests);
        // The push's command line as the build logged it names the URL and carries no credential.
        var pushLine = first.Output.Split('\n').Single(l => l.Contains("push --no-verify", StringComparison.Ordinal));
        Assert.Contains(fixture.Http.RepositoryUrl(release.Project), pushLine);
        AssertTokenNowhere(first, release);

        var writes = gitlab.Writes; // the package upload and the Release
        var second = await release.JobTokenPipeline(gitlab).RunAsync(releaseJob);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains($"Tag {tag} is already on the remote", second.Output);
        Assert.Equal([tag], fixture.Http.Tags(release.Project));
        Assert.Equal(2, writes);
        Assert.Equal(writes, gitlab.Writes);
        AssertTokenNowhere(second, release);
    }

    [Fact]
    public async Task With_Allow_Git_push_requests_off_GitLab_refuses_with_403_and_the_error_names_the_setting_and_GitLab_18_4()
    {
        using var release = await JobTokenRepoAsync(allowJobTokenPush: false);
        using var gitlab = release.StartHttpApi();

        var result = await release.JobTokenPipeline(gitlab).RunAsync(ReleaseJob);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(GitHttpServer.PushNotAllowedMessage, result.Output);
        Assert.Contains("Settings > CI/CD > Job token permissions > \"Allow Git push requests to the repository\"", result.Output);
        Assert.Contains("GitLab 18.4", result.Output);
        Assert.Contains($"GET /{release.Project}.git/info/refs?service=git-receive-pack -> 403", fixture.Http.Requests);
        Assert.Empty(fixture.Http.Tags(release.Project));
        Assert.Equal(0, gitlab.Writes); // no Release without its tag
        AssertTokenNowhere(result, release);
    }

    [Fact]
    public async Task A_protected_tag_is_refused_and_the_error_names_the_triggering_user_and_Protected_tags()
    {
        using var release = await JobTokenRepoAsync();
        fixture.Http.ProtectTags(release.Project, "v*");
        using var gitlab = release.StartHttpApi();

        var result = await release.JobTokenPipeline(gitlab).RunAsync(ReleaseJob);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(GitHttpServer.ProtectedTagMessage, result.Output);
        Assert.Contains("release.tester (who triggered the pipeline)", result.Output);
        Assert.Contains("Settings > Repository > Protected tags", result.Output);
        Assert.Empty(fixture.Http.Tags(release.Project));
        Assert.Equal(0, gitlab.Writes);
        AssertTokenNowhere(result, release);
    }

    [Fact]
    public async Task An_expired_job_token_gets_GitLab_401_and_the_error_says_invalid_or_expired()
    {
        using var release = await JobTokenRepoAsync();
        fixture.Http.ExpireToken(release.Project);
        using var gitlab = release.StartHttpApi();

        var result = await release.JobTokenPipeline(gitlab).RunAsync(ReleaseJob);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("invalid or expired", result.Output);
        Assert.Contains($"GET /{release.Project}.git/info/refs?service=git-receive-pack -> 401", fixture.Http.Requests);
        Assert.Empty(fixture.Http.Tags(release.Project));
        AssertTokenNowhere(result, release);
    }

    [Fact]
    public async Task Preflight_in_job_token_mode_dry_runs_the_push_fails_naming_the_setting_then_passes_once_it_is_on()
    {
        using var release = await JobTokenRepoAsync(allowJobTokenPush: false);
        using var gitlab = release.StartHttpApi();

        var off = await release.JobTokenPipeline(gitlab).RunAsync(["Preflight"]);
        fixture.Http.AllowJobTokenPush(release.Project, true);
        var on = await release.JobTokenPipeline(gitlab).RunAsync(["Preflight"]);

        Assert.NotEqual(0, off.ExitCode);
        Assert.Contains("[ ] Job token may push the tag", off.Output);
        Assert.Contains("Allow Git push requests to the repository", off.Output);
        Assert.True(on.ExitCode == 0, on.ToString());
        Assert.Contains("[x] Job token may push the tag", on.Output);
        Assert.DoesNotContain("AWS credentials resolve", on.Output); // no key, no AWS
        Assert.Empty(fixture.Http.Tags(release.Project)); // a dry run pushes nothing
        AssertTokenNowhere(off, release);
        AssertTokenNowhere(on, release);
    }

    /// <summary>Neither the token nor the header's base64 form: not in the output or log, the work tree, leftover files or any URL the server saw.</summary>
    private void AssertTokenNowhere(BuildResult result, ReleaseRepo release)
    {
        string[] forms = [fixture.JobToken, JobTokenCredential.BasicValue(fixture.JobToken)];
        SecretChecks.AssertNotIn(result, forms);
        Assert.Empty(SecretChecks.LeftoverFilesContaining(forms));
        Assert.Empty(Fixtures.SecretScan.FilesContaining(forms, release.Repo.Path));
        Assert.All(fixture.Http.RequestTexts, text => Assert.All(forms, f => Assert.DoesNotContain(f, text, StringComparison.Ordinal)));
    }
}
