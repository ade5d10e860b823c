using EndToEnd.Tests.Support;

namespace EndToEnd.Tests;

/// <summary>
/// The main job as GitLab runs it (`./build.sh Tag --skip Restore Compile Test` in a default-branch pipeline):
/// the built build, real GitVersion, KMS/STS emulated on 127.0.0.1, a real sshd serving the project.
/// </summary>
[Collection(ReleaseCollection.Name)]
public sealed class ReleaseTests(ReleaseFixture fixture)
{
    private static readonly string[] ReleaseJob = ["Tag", "--skip", "Restore", "Compile", "Test"];

    // The test project has no solution to pack: Publish takes the packages a Pack would have left in artifacts/packages.
    private static readonly string[] ReleaseJobWithPackages = [.. ReleaseJob, "Pack"];

    [Fact]
    public async Task The_release_job_tags_pushes_publishes_the_packages_creates_the_GitLab_Release_linking_them_and_a_rerun_is_a_no_op()
    {
        using var release = await fixture.CreateRepoAsync();
        using var gitlab = release.StartApi();
        var head = release.Repo.Head;
        var packages = Path.Combine(release.Repo.Path, "artifacts", "packages");
        Fixtures.GitLab.NuGetPackages.Write(packages, "Acme.Lib", "1.0.0");
        Fixtures.GitLab.NuGetPackages.Write(packages, "Acme.Cli", "1.0.0");

        var first = await release.Pipeline(api: gitlab).RunAsync(ReleaseJobWithPackages);

        Assert.True(first.ExitCode == 0, first.ToString());
        var version = SemVerIn(release);
        var tag = "v" + version;
        Assert.Equal([tag], fixture.Sshd.Tags(release.Project));
        Assert.Equal(head, fixture.Sshd.TagCommit(release.Project, tag));
        Assert.Contains("ci.skip", fixture.Sshd.PushOptions(release.Project));
        Assert.Equal("tag", release.Repo.Git("cat-file", "-t", tag)); // annotated
        Assert.Contains($"VERSION={version}", File.ReadAllText(Path.Combine(release.Repo.Path, "artifacts", "version.env")));
        var notes = File.ReadAllText(Path.Combine(release.Repo.Path, "artifacts", "release-notes.md"));
        Assert.Equal($"## Other\n\n- Initial commit ({head[..8]})\n", notes); // a first release lists everything
        Assert.Equal($"Release {version}\n\n{notes}".TrimEnd(), release.Repo.Git("tag", "-l", "--format=%(contents)", tag).TrimEnd());

        Assert.True(ReleaseRepo.DecryptedIn(first.Output), first.ToString());
        Assert.Empty(Fixtures.SecretScan.FilesContaining(fixture.KeyLines(), release.Repo.Path));

        // Exactly one Release, for the pushed tag, named after it, whose description is the notes.
        var page = gitlab.Release(tag);
        Assert.NotNull(page);
        Assert.Equal(tag, page["name"]!.GetValue<string>());
        Assert.Equal(notes, page["description"]!.GetValue<string>());
        Assert.Equal(1, gitlab.Writes - gitlab.Uploads);
        Assert.Single(gitlab.Requests, r => r == $"POST /api/v4/projects/{ReleaseFixture.ProjectId}/releases -> 201");

        // Both packages uploaded once (dotnet nuget push with Basic auth from the temporary config), before the
        // Release was created, and the Release links each one's page in the package registry.
        Assert.Equal(2, gitlab.Uploads);
        Assert.Equal(["Acme.Cli 1.0.0", "Acme.Lib 1.0.0"], gitlab.Packages.Select(p => $"{p.Name} {p.Version}").Order());
        Assert.All(gitlab.Packages, p => Assert.Single(p.Files));
        var requests = gitlab.Requests.ToList();
        Assert.True(requests.FindLastIndex(r => r.StartsWith("PUT ", StringComparison.Ordinal) && r.Contains("/packages/nuget", StringComparison.Ordinal))
            < requests.FindIndex(r => r.StartsWith($"POST /api/v4/projects/{ReleaseFixture.ProjectId}/releases", StringComparison.Ordinal)), string.Join('\n', requests));
        var links = page["assets"]!["links"]!.AsArray().Select(l => (Name: l!["name"]!.GetValue<string>(), Url: l["url"]!.GetValue<string>(), Type: l["link_type"]!.GetValue<string>()))
            .OrderBy(l => l.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(gitlab.Packages.OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => ($"{p.Name} {p.Version}", new Uri(gitlab.ApiUrl, gitlab.ProjectWebPath(p.Id)).AbsoluteUri, "package")), links);
        fixture.AssertNoSecretIn(first, release);

        var second = await release.Pipeline(api: gitlab).RunAsync(ReleaseJobWithPackages);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("already", second.Output);
        Assert.Contains($"The GitLab Release {tag} is already up to date", second.Output);
        Assert.Equal([tag], fixture.Sshd.Tags(release.Project));
        Assert.Equal(head, fixture.Sshd.TagCommit(release.Project, tag));
        Assert.Equal(2, gitlab.Uploads); // the rerun found both packages in the registry and uploaded nothing
        Assert.All(gitlab.Packages, p => Assert.Single(p.Files));
        Assert.Contains("Acme.Lib 1.0.0 is already in the package registry", second.Output);
        Assert.Equal(3, gitlab.Writes); // the rerun read the Release and wrote nothing
        Assert.Equal(notes, gitlab.Release(tag)!["description"]!.GetValue<string>());
        fixture.AssertNoSecretIn(second, release);
    }

    [Fact]
    public async Task A_host_key_that_does_not_match_pushes_nothing()
    {
        using var release = await fixture.CreateRepoAsync();
        using var impostor = await Fixtures.Ssh.SshdServer.StartAsync();
        var wrongKeys = impostor.KnownHostsLine.Replace($":{impostor.Port}]", $":{fixture.Sshd.Port}]");

        var result = await release.Pipeline(knownHosts: wrongKeys).RunAsync(ReleaseJob);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("host key", result.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("SSH_KNOWN_HOSTS", result.Output);
        Assert.Empty(fixture.Sshd.Tags(release.Project));
        Assert.Empty(Fixtures.SecretScan.FilesContaining(fixture.KeyLines(), release.Repo.Path));
        fixture.AssertNoSecretIn(result);
    }

    [Fact]
    public async Task A_read_only_deploy_key_is_refused_with_the_write_access_fix_and_its_fingerprint()
    {
        using var release = await fixture.CreateRepoAsync(fixture.ReadOnlyKey);

        var result = await release.Pipeline().RunAsync(ReleaseJob);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Grant write permissions to this key", result.Output);
        Assert.Contains(fixture.ReadOnlyKey.Fingerprint, result.Output);
        Assert.Empty(fixture.Sshd.Tags(release.Project));
        fixture.AssertNoSecretIn(result);
    }

    [Fact]
    public async Task A_release_tag_already_on_another_commit_fails_with_both_commits_and_the_fix()
    {
        using var release = await fixture.CreateRepoAsync();
        var head = release.Repo.Head;
        var versionRun = await new BuildProcess { Root = release.Repo.Path }.RunAsync(["Version"]);
        Assert.True(versionRun.ExitCode == 0, versionRun.ToString());
        var tag = "v" + SemVerIn(release);
        // Another pipeline already released this version from a commit that is not ours.
        var other = release.Repo.Git("commit-tree", "-m", "released elsewhere", release.Repo.Git("rev-parse", "HEAD^{tree}"));
        release.Repo.Git("push", "-q", "origin", $"{other}:refs/tags/{tag}");

        var result = await release.Pipeline().RunAsync(ReleaseJob);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(head, result.Output);
        Assert.Contains(other, result.Output);
        Assert.Contains("+semver: patch", result.Output);
        Assert.Equal(other, fixture.Sshd.TagCommit(release.Project, tag));
    }

    private static string SemVerIn(ReleaseRepo release) =>
        System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(release.Repo.Path, "artifacts", "version.json")))
            .RootElement.GetProperty("SemVer").GetString()!;

    [Fact]
    public async Task A_feature_branch_pipeline_skips_Tag_and_Push_with_the_reason()
    {
        using var release = await fixture.CreateRepoAsync();
        var pipeline = release.Pipeline();
        pipeline.Environment["CI_COMMIT_BRANCH"] = "feature/x";
        pipeline.Environment["CI_COMMIT_REF_NAME"] = "feature/x";
        release.Repo.Git("branch", "feature/x");

        var result = await pipeline.RunAsync(ReleaseJob);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("not a default-branch push pipeline", result.Output);
        Assert.Empty(fixture.Sshd.Tags(release.Project));
        Assert.Matches(@"Release\s+Skipped", result.Output);
        Assert.False(ReleaseRepo.DecryptedIn(result.Output));
    }

    [Fact]
    public async Task A_pipeline_without_the_encrypted_key_fails_naming_CreateDeployKey()
    {
        using var release = await fixture.CreateRepoAsync(withReleaseSetup: false);

        var result = await release.Pipeline().RunAsync(ReleaseJob);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("CreateDeployKey", result.Output);
        Assert.Empty(fixture.Sshd.Tags(release.Project));
    }

    [Fact]
    public async Task On_a_laptop_without_release_setup_Tag_tags_locally_and_skips_Push_with_the_next_step()
    {
        using var release = await fixture.CreateRepoAsync(withReleaseSetup: false);
        var laptop = new BuildProcess { Root = release.Repo.Path };

        var result = await laptop.RunAsync(ReleaseJob);

        Assert.True(result.ExitCode == 0, result.ToString());
        var tag = release.Repo.Git("tag", "--points-at", "HEAD");
        Assert.StartsWith("v", tag);
        Assert.Contains("CreateDeployKey", result.Output);
        Assert.Contains("a local run creates no GitLab Release", result.Output);
        Assert.Empty(fixture.Sshd.Tags(release.Project));
    }
}
