using Nuke.Common.Execution;
using Engine.Tests.Support;

namespace Engine.Tests;

public class LifecycleTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    public class CleanupBuild : RecordingBuild
    {
        public int Cleanups;
        public int Disposals;
        public TaskCompletionSource Started { get; } = new();

        Target Register => _ => _.Executes(() =>
        {
            RegisterCleanup(() => { Cleanups++; Log.Information("cleaned up"); return ValueTask.CompletedTask; });
            RegisterCleanup(new Disposable(this));
        });
        Target Fails => _ => _.DependsOn(Register).Executes(() => throw new InvalidOperationException("fails"));
        Target Waits => _ => _.DependsOn(Register).Executes(async ct =>
        {
            Started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
        });
        public bool? AssuredSawLiveToken;
        public bool? AssuredSawItsExecutorsToken;
        Target Assured => _ => Record(_.After(Waits, Fails).AssuredAfterFailure().Executes(ct =>
        {
            // What a component sees through INukeBuild.CancellationToken is the token the executor passed.
            AssuredSawLiveToken = !CancellationToken.IsCancellationRequested;
            AssuredSawItsExecutorsToken = CancellationToken == ct;
            return Task.CompletedTask;
        }), "Assured");
        Target NotAssured => _ => Record(_.After(Waits, Fails), "NotAssured");

        private sealed class Disposable(CleanupBuild build) : IAsyncDisposable
        {
            public ValueTask DisposeAsync()
            {
                build.Disposals++;
                return ValueTask.CompletedTask;
            }
        }
    }

    [Fact]
    public async Task Cleanups_run_once_on_success_and_on_failure()
    {
        var ok = await _harness.RunAsync<CleanupBuild>("Register");
        Assert.Equal((1, 1), (((CleanupBuild)ok.Build!).Cleanups, ((CleanupBuild)ok.Build!).Disposals));

        var failed = await _harness.RunAsync<CleanupBuild>("Fails");
        Assert.Equal(1, failed.ExitCode);
        Assert.Equal((1, 1), (((CleanupBuild)failed.Build!).Cleanups, ((CleanupBuild)failed.Build!).Disposals));
        Assert.Contains("cleaned up", _harness.Output);
    }

    [Fact]
    public async Task Cancellation_runs_assured_targets_and_cleanups_then_exits_non_zero()
    {
        using var cts = new CancellationTokenSource();
        cts.CancelAfter(300); // Waits waits until cancelled
        var result = await _harness.RunAsync<CleanupBuild>("Waits Assured NotAssured", cancellationToken: cts.Token);
        Assert.Equal(BuildRunner.Cancelled, result.ExitCode);
        var build = (CleanupBuild)result.Build!;
        Assert.True(build.Started.Task.IsCompleted);
        Assert.Equal(TargetStatus.Failed, result.StatusOf("Waits"));
        Assert.Equal(["Assured"], build.Executed);
        Assert.True(build.AssuredSawLiveToken);
        Assert.True(build.AssuredSawItsExecutorsToken);
        Assert.Equal(TargetStatus.NotRun, result.StatusOf("NotAssured"));
        Assert.Equal(1, build.Cleanups);
        Assert.Contains("Build failed", _harness.Output);
    }

    public class SectionBuild : RecordingBuild
    {
        Target First => _ => Record(_, "First");
        Target Second => _ => Record(_.DependsOn(First), "Second");
    }

    [Fact]
    public async Task The_host_marks_a_section_around_each_target()
    {
        _harness.Environment["FAKE_CI"] = "true";
        var result = await _harness.RunAsync<SectionBuild>("Second");
        Assert.Equal("FakeCi", result.Build!.Host.Name);
        var output = _harness.Output;
        Assert.True(output.IndexOf("[begin First]") < output.IndexOf("[end First]"));
        Assert.True(output.IndexOf("[end First]") < output.IndexOf("[begin Second]"));
        Assert.True(output.IndexOf("[begin Second]") < output.IndexOf("[end Second]"));
    }

    [Fact]
    public async Task The_terminal_is_the_default_host_and_host_can_be_forced()
    {
        var local = await _harness.RunAsync<SectionBuild>("First");
        Assert.Equal("Terminal", local.Build!.Host.Name);
        Assert.False(local.Build.Host.IsServerBuild);

        var forced = await _harness.RunAsync<SectionBuild>("First --host fakeci");
        Assert.Equal("FakeCi", forced.Build!.Host.Name);

        var unknown = await _harness.RunAsync<SectionBuild>("First --host Jenkins");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("Host 'Jenkins' does not exist", _harness.Output);
    }

    [Fact]
    public async Task Help_reads_the_same_on_every_host_and_still_refuses_an_unknown_forced_host()
    {
        // --help does not look for the running host (it would load every library to find them), so a CI's
        // environment changes nothing in it; a forced host is still checked.
        var local = await _harness.RunAsync<SectionBuild>("--help");
        Assert.Equal(0, local.ExitCode);
        var localHelp = _harness.Output;
        _harness.Environment["FAKE_CI"] = "true";
        var onCi = await _harness.RunAsync<SectionBuild>("--help");
        Assert.Equal(0, onCi.ExitCode);
        Assert.Contains("Targets (with their direct dependencies):", localHelp);
        Assert.Equal(localHelp, _harness.Output);

        var unknown = await _harness.RunAsync<SectionBuild>("--help --host Jenkins");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("Host 'Jenkins' does not exist", _harness.Output);
    }

    [Fact]
    public async Task The_summary_table_and_outcome_close_the_output_and_final_lines_come_last()
    {
        await _harness.RunAsync<FinalLineBuild>("Report");
        var lines = _harness.Output.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("Tests: 3 passed, 0 failed, 0 skipped", lines[^1]);
        Assert.StartsWith("Build succeeded on ", lines[^2]);
        Assert.Contains(lines, l => l.StartsWith("Report") && l.Contains("Succeeded"));
        Assert.Single(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"\d+ passed, \d+ failed"));
    }

    public class FinalLineBuild : NukeBuild
    {
        Target Report => _ => _.Executes(() =>
        {
            AddFinalLine("Tests: 3 passed, 0 failed, 0 skipped");
        });
    }
}
