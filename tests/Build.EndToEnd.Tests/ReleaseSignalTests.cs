using EndToEnd.Tests.Support;

namespace EndToEnd.Tests;

/// <summary>
/// The release job (as in <see cref="ReleaseTests"/>) stopped by SIGTERM while it pushes: in the signal collection,
/// which runs alone, so no other test's load moves the moment the signal arrives.
/// </summary>
[Collection(SignalCollection.Name)]
public sealed class ReleaseSignalTests(ReleaseFixture fixture)
{
    private static readonly string[] ReleaseJob = ["Tag", "--skip", "Restore", "Compile", "Test"];

    [Fact]
    public async Task SIGTERM_during_the_push_exits_143_says_a_rerun_is_safe_and_leaves_no_key_and_no_process()
    {
        using var release = await fixture.CreateRepoAsync();
        fixture.Sshd.SetHookDelay(release.Project, TimeSpan.FromSeconds(60));
        var duringPush = new List<string>();
        var buildPid = 0;

        var pushesBefore = fixture.Sshd.PushOptions(release.Project).Count;

        var result = await release.Pipeline().RunAsync(ReleaseJob, TimeSpan.FromMinutes(4), async (process, output) =>
        {
            buildPid = process.Id;
            await SignalSupport.WaitUntilTheServerIsInThePushAsync(fixture.Sshd, release.Project, pushesBefore, process);
            // While the push runs, the key is in the agent's memory only: no file anywhere holds it. (The ID token
            // file of the AWS session is the AWS side's to remove, issue #10: it is checked after the run.)
            var scan = System.Diagnostics.Stopwatch.StartNew();
            duringPush.AddRange(Fixtures.SecretScan.FilesContaining(SecretChecks.BodyLines(fixture.WriteKey.PrivateKeyText), release.Repo.Path));
            lock (output) output.AppendLine($"[test] scan took {scan.Elapsed.TotalSeconds:0.0} s");
            Assert.Equal(0, SignalSupport.Send(process.Id, SignalSupport.SIGTERM));
            await SignalSupport.WaitForOutputAsync(output, "Received SIGTERM: cancelling", process);
        });

        Assert.True(result.ExitCode == 143, result.ToString());
        Assert.Empty(duringPush);
        Assert.Contains("the push may or may not have reached the remote", result.Output);
        Assert.Contains("Rerunning the job is safe", result.Output);
        Assert.Empty(Fixtures.SecretScan.FilesContaining(fixture.KeyLines(), release.Repo.Path));
        Assert.Empty(Fixtures.Processes.CommandLinesContaining($"nuke-run-{Fixtures.Processes.UserId}/{buildPid}-"));
        fixture.AssertNoSecretIn(result);
    }
}
