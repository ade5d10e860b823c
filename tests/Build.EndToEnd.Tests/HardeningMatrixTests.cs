using System.Diagnostics;
using System.Globalization;
using EndToEnd.Tests.Support;
using Fixtures;

namespace EndToEnd.Tests;

/// <summary>
/// The push-side rows of the fault-and-attack matrix (docs/security.md), each one run of the built build: the exit
/// code, the cause and the fix, no secret in any output or file, no key material left in /tmp, /dev/shm, /run,
/// /var/tmp or the work tree, and no process of the run left behind. The KMS/STS rows are in DeployKeyErrorTests.
/// </summary>
[Collection(SignalCollection.Name)]
public sealed class HardeningMatrixTests(ReleaseFixture fixture)
{
    private static readonly string[] ReleaseJob = ["Tag", "--skip", "Restore", "Compile", "Test"];

    private IEnumerable<string> Secrets() =>
        SecretChecks.BodyLines(fixture.WriteKey.PrivateKeyText).Concat(SecretChecks.BodyLines(fixture.ReadOnlyKey.PrivateKeyText)).Append(fixture.IdToken);

    private void AssertNothingEscaped(BuildResult result, ReleaseRepo release, int? buildPid = null)
    {
        SecretChecks.AssertNotIn(result, Secrets());
        Assert.Empty(SecretScan.FilesContaining(Secrets(), release.Repo.Path));
        if (buildPid is { } pid) Assert.Empty(Processes.CommandLinesContaining($"nuke-run-{Processes.UserId}/{pid}-"));
    }

    [Fact]
    public async Task A_private_key_in_DEPLOY_KEY_is_not_read_and_not_printed()
    {
        using var release = await fixture.CreateRepoAsync();
        var pipeline = release.Pipeline();
        pipeline.Environment["DEPLOY_KEY"] = fixture.ReadOnlyKey.PrivateKeyText;

        var result = await pipeline.RunAsync(["DecryptDeployKey"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(fixture.WriteKey.Fingerprint, result.Output);
        AssertNothingEscaped(result, release);
    }

    [Fact]
    public async Task A_private_key_in_DEPLOY_KEY_FILE_is_refused_without_showing_it()
    {
        using var release = await fixture.CreateRepoAsync();
        var pipeline = release.Pipeline();
        pipeline.Environment["DEPLOY_KEY_FILE"] = fixture.ReadOnlyKey.PrivateKeyText;
        var decrypts = fixture.Kms.CountOf("Decrypt");

        var result = await pipeline.RunAsync(ReleaseJob);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Parameter DeployKeyFile is a file path, but environment variable DEPLOY_KEY_FILE holds a private key (not shown)", result.Output);
        Assert.Contains("Set environment variable DEPLOY_KEY_FILE to the path of the file", result.Output);
        Assert.Contains("rotate it", result.Output);
        Assert.Equal(decrypts, fixture.Kms.CountOf("Decrypt"));
        AssertNothingEscaped(result, release);
    }

    [Fact]
    public async Task A_30_MB_ciphertext_is_refused_before_any_KMS_call()
    {
        using var release = await fixture.CreateRepoAsync();
        var big = Path.Combine(release.Repo.Path, ".nuke", "huge.enc");
        using (var stream = File.Create(big)) stream.SetLength(30L * 1024 * 1024);
        var pipeline = release.Pipeline();
        pipeline.Environment["DEPLOY_KEY_FILE"] = big;
        var decrypts = fixture.Kms.CountOf("Decrypt");

        var result = await pipeline.RunAsync(["DecryptDeployKey"]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("more than a KMS ciphertext can be (6144 bytes), so it is not sent to KMS", result.Output);
        Assert.Contains("DEPLOY_KEY_FILE", result.Output);
        Assert.Equal(decrypts, fixture.Kms.CountOf("Decrypt"));
        AssertNothingEscaped(result, release);
    }

    [Fact]
    public async Task An_ext_push_URL_is_refused_and_runs_nothing()
    {
        using var release = await fixture.CreateRepoAsync();
        var marker = Path.Combine(Path.GetTempPath(), $"pwned-{Guid.NewGuid():N}");
        var pipeline = release.Pipeline();
        pipeline.Environment["PUSH_URL"] = $"ext::sh -c touch% {marker}";

        var result = await pipeline.RunAsync(ReleaseJob);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("PushUrl is empty or contains whitespace or control characters; only ssh://", result.Output);
        Assert.Contains("PUSH_URL", result.Output);
        Assert.False(File.Exists(marker));
        Assert.Empty(fixture.Sshd.Tags(release.Project));
        AssertNothingEscaped(result, release);
    }

    [Fact]
    public async Task A_branch_named_like_an_option_cannot_inject_it_into_git()
    {
        using var release = await fixture.CreateRepoAsync();
        release.Repo.Git("checkout", "-q", "--detach");
        var pipeline = release.Pipeline();
        foreach (var name in new[] { "CI_COMMIT_BRANCH", "CI_COMMIT_REF_NAME", "CI_DEFAULT_BRANCH" }) pipeline.Environment[name] = "--delete";

        var result = await pipeline.RunAsync(ReleaseJob);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("'--delete' is not a valid branch name", result.Output);
        Assert.Contains("CI_COMMIT_REF_NAME", result.Output);
        Assert.Equal("main", release.Repo.Git("branch", "--list", "main").Trim().TrimStart('*').Trim());
        Assert.Empty(fixture.Sshd.Tags(release.Project));
        AssertNothingEscaped(result, release);
    }

    /// <summary>A configuration that would push with the read-only key, trust any host, forward the agent and go through a proxy.</summary>
    private string HostileSshConfig(string directory)
    {
        Directory.CreateDirectory(directory);
        var copy = Path.Combine(directory, "other-key");
        File.Copy(fixture.ReadOnlyKey.PrivateKeyFile, copy, overwrite: true);
        File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var config = Path.Combine(directory, "config");
        File.WriteAllText(config, $"""
            Host *
              IdentityFile {copy}
              IdentitiesOnly no
              ForwardAgent yes
              StrictHostKeyChecking no
              UserKnownHostsFile /dev/null
              KnownHostsCommand /bin/echo %H {fixture.Sshd.HostPublicKey}
              ProxyCommand /bin/false
              ControlMaster auto
              ControlPath {directory}/control-%C

            """);
        return config;
    }

    // git reads $HOME/.gitconfig; ssh reads ~/.ssh/config from the passwd home, replaced in the namespace row below.
    [Fact]
    public async Task A_hostile_gitconfig_cannot_redirect_the_push()
    {
        using var release = await fixture.CreateRepoAsync();
        var home = Fixtures.Git.GitRepo.NewTempDirectory("hostile-home");
        try
        {
            HostileSshConfig(Path.Combine(home, ".ssh"));
            // A global git configuration that would send the push to another project.
            File.WriteAllText(Path.Combine(home, ".gitconfig"),
                $"[url \"{fixture.Sshd.SshUrl("group/elsewhere")}\"]\n\tpushInsteadOf = {fixture.Sshd.SshUrl(release.Project)}\n");
            var pipeline = release.Pipeline();
            pipeline.Environment["HOME"] = home;
            // The packages (GitVersion) stay where they are; only the configuration files move.
            pipeline.Environment["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

            var result = await pipeline.RunAsync(ReleaseJob);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Single(fixture.Sshd.Tags(release.Project));
            Assert.Contains(fixture.WriteKey.Fingerprint, result.Output);
            Assert.False(File.Exists(Path.Combine(home, ".ssh", "known_hosts")));
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(home, ".ssh"), "control-*"));
            AssertNothingEscaped(result, release);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [SkippableFact]
    public async Task A_hostile_system_and_user_ssh_config_cannot_redirect_the_push()
    {
        var unshare = Fixtures.Processes.Which("unshare");
        if (unshare is null || !CanUnshareMounts())
            throw MissingTool.Skip("unshare -m (a private mount namespace, root or CAP_SYS_ADMIN) is not available to bind a hostile /etc/ssh/ssh_config");
        using var release = await fixture.CreateRepoAsync();
        var directory = Fixtures.Git.GitRepo.NewTempDirectory("hostile-etc-ssh");
        try
        {
            var config = HostileSshConfig(Path.Combine(directory, "etc"));
            // The passwd home (where ssh looks for ~/.ssh/config, whatever $HOME says) is replaced by one with a hostile
            // .ssh/config; the NuGet packages (GitVersion) are mounted back into it.
            var passwdHome = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var home = Path.Combine(directory, "home");
            HostileSshConfig(Path.Combine(home, ".ssh"));
            Directory.CreateDirectory(Path.Combine(home, ".nuget"));
            var pipeline = release.Pipeline();
            pipeline.Environment["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(passwdHome, ".nuget", "packages");
            pipeline.WrapWith = [unshare, "-m", "--", "sh", "-c",
                "mount --bind \"$0\" /etc/ssh/ssh_config && mount --bind \"$2/.nuget\" \"$1/.nuget\" && mount --rbind \"$1\" \"$2\" && shift 2 && exec \"$@\"",
                config, home, passwdHome];

            var result = await pipeline.RunAsync(ReleaseJob);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Single(fixture.Sshd.Tags(release.Project));
            Assert.Contains(fixture.WriteKey.Fingerprint, result.Output);
            AssertNothingEscaped(result, release);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static bool CanUnshareMounts()
    {
        using var probe = Process.Start(new ProcessStartInfo("unshare", ["-m", "--", "sh", "-c", "mount -t tmpfs none /mnt"]) { RedirectStandardError = true })!;
        probe.WaitForExit();
        return probe.ExitCode == 0;
    }

    [Fact]
    public async Task SIGTERM_during_decrypt_stops_the_KMS_call_pushes_nothing_and_exits_143()
    {
        using var release = await fixture.CreateRepoAsync();
        var decrypts = fixture.Kms.CountOf("Decrypt");
        fixture.Kms.Delay("Decrypt", TimeSpan.FromSeconds(90));
        var pid = 0;
        var waited = Stopwatch.StartNew();
        BuildResult result;
        try
        {
            result = await release.Pipeline().RunAsync(ReleaseJob, TimeSpan.FromMinutes(4), async (process, output) =>
            {
                pid = process.Id;
                // The Decrypt request has reached KMS, which holds it: the build is inside the SDK call.
                var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
                while (fixture.Kms.CountOf("Decrypt") == decrypts && !process.HasExited && DateTime.UtcNow < deadline) await Task.Delay(50);
                waited.Restart();
                await SignalSupport.KillCommandAsync("TERM", pid);
            });
        }
        finally
        {
            fixture.Kms.ClearFaults();
        }

        Assert.True(result.ExitCode == 143, result.ToString());
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"the build waited for KMS's answer instead of stopping: {waited.Elapsed}\n{result}");
        Assert.Empty(fixture.Sshd.Tags(release.Project));
        Assert.False(ReleaseRepo.DecryptedIn(result.Output));
        AssertNothingEscaped(result, release, pid);
        Assert.Empty(SecretChecks.LeftoverFilesContaining(Secrets()));
    }

    [Fact]
    public async Task Two_SIGTERMs_during_the_push_still_clean_up_and_exit_143()
    {
        using var release = await fixture.CreateRepoAsync();
        fixture.Sshd.SetHookDelay(release.Project, TimeSpan.FromSeconds(60));
        var pushesBefore = fixture.Sshd.PushOptions(release.Project).Count;
        var pid = 0;

        var result = await release.Pipeline().RunAsync(ReleaseJob, TimeSpan.FromMinutes(4), async (process, output) =>
        {
            pid = process.Id;
            await SignalSupport.WaitUntilTheServerIsInThePushAsync(fixture.Sshd, release.Project, pushesBefore, process);
            await SignalSupport.KillCommandAsync("TERM", pid);
            // The second signal must land while the first one's cleanup runs (tens of milliseconds): wait for the
            // build to acknowledge the first, then send the second at once, without starting a kill process.
            await SignalSupport.WaitForOutputAsync(output, "Received SIGTERM: cancelling", process);
            Assert.Equal(0, SignalSupport.Send(pid, SignalSupport.SIGTERM));
        });

        Assert.True(result.ExitCode == 143, result.ToString());
        Assert.True(result.Output.Contains("still removing secrets", StringComparison.Ordinal), result.ToString());
        Assert.Contains("Rerunning the job is safe", result.Output);
        AssertNothingEscaped(result, release, pid);
    }

    [Fact]
    public async Task SIGKILL_during_the_push_then_a_new_run_ends_the_orphans_removes_the_leftovers_and_releases()
    {
        using var release = await fixture.CreateRepoAsync();
        fixture.Sshd.SetHookDelay(release.Project, TimeSpan.FromSeconds(60));
        var pushesBefore = fixture.Sshd.PushOptions(release.Project).Count;
        var pid = 0;
        var orphans = new List<string>();

        var killed = await release.Pipeline().RunAsync(ReleaseJob, TimeSpan.FromMinutes(4), async (process, output) =>
        {
            pid = process.Id;
            await SignalSupport.WaitUntilTheServerIsInThePushAsync(fixture.Sshd, release.Project, pushesBefore, process);
            await Task.Delay(500);
            await SignalSupport.KillCommandAsync("KILL", pid);
            await process.WaitForExitAsync();
            orphans.AddRange(Processes.CommandLinesContaining($"nuke-run-{Processes.UserId}/{pid}-"));
        });
        Assert.True(killed.ExitCode == 137, killed.ToString());
        Assert.NotEmpty(orphans); // the push's ssh (and the agent, until it notices) outlived the killed build

        fixture.Sshd.SetHookDelay(release.Project, TimeSpan.Zero);
        var rerun = await release.Pipeline().RunAsync(ReleaseJob);

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Contains($"Removed what an earlier, killed run left: ", rerun.Output);
        Assert.Contains($"(run {pid}", rerun.Output);
        Assert.Single(fixture.Sshd.Tags(release.Project));
        Assert.Empty(Processes.CommandLinesContaining($"nuke-run-{Processes.UserId}/{pid}-"));
        AssertNothingEscaped(rerun, release);
    }
}
