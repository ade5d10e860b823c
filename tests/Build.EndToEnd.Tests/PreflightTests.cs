using System.Text.RegularExpressions;
using EndToEnd.Tests.Support;
using GitLabRelease.Preflight;

namespace EndToEnd.Tests;

/// <summary>
/// `./build.sh Preflight` in a default-branch pipeline of the built build: KMS/STS emulated, a real sshd as
/// GitLab. It checks and reports; it never tags or pushes.
/// </summary>
[Collection(ReleaseCollection.Name)]
public sealed class PreflightTests(ReleaseFixture fixture)
{
    private const string DecryptCheck = "AWS credentials resolve and the deploy key decrypts";
    private const string FingerprintCheck = "Deploy key fingerprint pinned";

    [Fact]
    public async Task With_a_good_setup_every_check_passes_and_nothing_is_pushed()
    {
        using var release = await fixture.CreateRepoAsync();
        var pipeline = release.Pipeline();
        pipeline.Environment["DEPLOY_KEY_FINGERPRINT"] = fixture.WriteKey.Fingerprint;

        var result = await pipeline.RunAsync(["Preflight"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var check in new[] { DecryptCheck, FingerprintCheck, SshPreflight.HostKeysCheck, SshPreflight.PushAccessCheck })
            Assert.Contains($"[x] {check}", result.Output);
        Assert.DoesNotContain("[ ]", result.Output);
        Assert.Contains(fixture.WriteKey.Fingerprint, result.Output);
        AssertChangedNothing(release, result);
    }

    [Fact]
    public async Task A_wrong_SSH_KNOWN_HOSTS_and_no_pinned_fingerprint_fail_with_a_checklist_of_fixes()
    {
        using var release = await fixture.CreateRepoAsync();
        // A well-formed pin for the right host and port, but of a key the server does not have.
        var wrongHostKey = $"[127.0.0.1]:{fixture.Sshd.Port} {string.Join(' ', fixture.ReadOnlyKey.PublicKeyLine.Split(' ').Take(2))}";

        var result = await release.Pipeline(knownHosts: wrongHostKey).RunAsync(["Preflight"]);

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains($"[x] {DecryptCheck}", result.Output);
        var fingerprintFix = FixAfter(result.Output, $"[ ] {FingerprintCheck}");
        Assert.Contains($"Set DeployKeyFingerprint to {fixture.WriteKey.Fingerprint}", fingerprintFix);
        var hostKeyFix = FixAfter(result.Output, $"[ ] {SshPreflight.HostKeysCheck}");
        Assert.Contains("ssh-keyscan", hostKeyFix);
        Assert.Contains("SSH_KNOWN_HOSTS", hostKeyFix);
        Assert.Contains("Preflight: 3 of 5 checks failed", result.Output);
        // Every failed check carries its own fix, right under it.
        var failed = Regex.Count(result.Output, @"^.*\[ \] ", RegexOptions.Multiline);
        Assert.Equal(3, failed);
        Assert.Equal(failed, Regex.Count(result.Output, @"^.*\[ \] .*\r?\n\s*Fix: \S", RegexOptions.Multiline));
        AssertChangedNothing(release, result);
    }

    [Fact]
    public async Task On_a_laptop_without_a_push_URL_every_check_still_runs_and_each_failure_has_its_fix()
    {
        using var release = await fixture.CreateRepoAsync();
        var laptop = new BuildProcess { Root = release.Repo.Path };
        foreach (var (name, value) in fixture.Kms.ClientEnvironment()) laptop.Environment[name] = value;
        laptop.Environment["CI"] = null;
        laptop.Environment["AWS_ACCESS_KEY_ID"] = "E2ELAPTOPKEYID00";
        laptop.Environment["AWS_SECRET_ACCESS_KEY"] = "e2e-laptop-secret-access-key-not-real-0000";
        laptop.Environment["KMS_KEY_ID"] = fixture.KmsKeyId;
        laptop.Environment["DEPLOY_KEY_CONTEXT"] = $"purpose=gitlab-deploy-key,project={release.Project}";

        var result = await laptop.RunAsync(["Preflight"]);

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains($"[x] {DecryptCheck}", result.Output); // the missing push URL did not stop the checks before it
        Assert.Contains("PushUrl", FixAfter(result.Output, "[ ] Push URL"));
        Assert.Contains("Fix the push URL check first", FixAfter(result.Output, $"[ ] {SshPreflight.HostKeysCheck}"));
        Assert.Contains("Fix the push URL check first", FixAfter(result.Output, $"[ ] {SshPreflight.PushAccessCheck}"));
        Assert.Contains("Preflight: 4 of 5 checks failed", result.Output);
        AssertChangedNothing(release, result);
    }

    /// <summary>The "Fix:" line printed right under a failed check.</summary>
    private static string FixAfter(string output, string checkLine)
    {
        var start = output.IndexOf(checkLine, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no '{checkLine}' in:\n{output}");
        var lines = output[start..].Split('\n');
        Assert.True(lines.Length > 1 && lines[1].TrimStart().StartsWith("Fix: ", StringComparison.Ordinal), $"no fix under '{checkLine}':\n{output}");
        return lines[1];
    }

    private void AssertChangedNothing(ReleaseRepo release, BuildResult result)
    {
        Assert.Empty(fixture.Sshd.Tags(release.Project));
        Assert.Equal("", release.Repo.Git("tag", "--list"));
        Assert.True(ReleaseRepo.DecryptedIn(result.Output));
        Assert.Empty(Fixtures.SecretScan.FilesContaining(SecretChecks.BodyLines(fixture.WriteKey.PrivateKeyText), release.Repo.Path));
        SecretChecks.AssertNotIn(result, SecretChecks.BodyLines(fixture.WriteKey.PrivateKeyText).Append(fixture.IdToken));
    }
}
