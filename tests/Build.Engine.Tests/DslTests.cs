using Nuke.Common.Execution;
using Engine.Tests.Support;

namespace Engine.Tests;

public class DslTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    public class ConditionBuild : RecordingBuild
    {
        [Parameter] public bool Enabled;
        [Parameter] public string? Value;
        public bool SetByDependency;

        Target Setup => _ => Record(_, "Setup");
        Target Shared => _ => Record(_, "Shared");
        Target Static => _ => Record(_.DependsOn(Setup, Shared).OnlyWhenStatic(() => Enabled), "Static");
        Target StaticNull => _ => Record(_.OnlyWhenStatic(() => Value == null), "StaticNull");
        Target KeepDeps => _ => Record(_.DependsOn(Setup).OnlyWhenStatic(() => Enabled).WhenSkipped(DependencyBehavior.Execute), "KeepDeps");
        Target Other => _ => Record(_.DependsOn(Shared), "Other");
        Target Prepare => _ => _.Executes(() => { SetByDependency = true; });
        Target Dynamic => _ => Record(_.DependsOn(Prepare).OnlyWhenDynamic(() => SetByDependency), "Dynamic");
        Target DynamicFalse => _ => Record(_.OnlyWhenDynamic(() => !SetByDependency), "DynamicFalse");
        Target Worded => _ => Record(_.OnlyWhenStatic(() => Enabled, "not enabled: pass --enabled"), "Worded");
        Target WordedDynamic => _ => Record(_.DependsOn(Prepare).OnlyWhenDynamic(() => !SetByDependency, "already prepared"), "WordedDynamic");
        public int ReasonsWorkedOut;
        Target WordedLater => _ => Record(_.OnlyWhenStatic(() => Enabled, () => $"not enabled ({++ReasonsWorkedOut})"), "WordedLater");
    }

    [Fact]
    public async Task A_static_reason_given_as_a_function_is_worked_out_only_when_the_target_is_skipped()
    {
        var skipped = await _harness.RunAsync<ConditionBuild>("WordedLater");
        Assert.Equal("not enabled (1)", skipped.ReasonOf("WordedLater"));
        Assert.Equal(1, ((ConditionBuild)skipped.Build!).ReasonsWorkedOut);

        var enabled = await _harness.RunAsync<ConditionBuild>("WordedLater --enabled");
        Assert.Equal(["WordedLater"], ((ConditionBuild)enabled.Build!).Executed);
        Assert.Equal(0, ((ConditionBuild)enabled.Build!).ReasonsWorkedOut);
    }

    [Fact]
    public async Task A_condition_given_with_words_skips_with_those_words()
    {
        var result = await _harness.RunAsync<ConditionBuild>("Worded WordedDynamic");
        Assert.Equal("not enabled: pass --enabled", result.ReasonOf("Worded"));
        Assert.Equal("already prepared", result.ReasonOf("WordedDynamic"));
        Assert.Contains("not enabled: pass --enabled", _harness.Output);

        var enabled = await _harness.RunAsync<ConditionBuild>("Worded --enabled");
        Assert.Equal(["Worded"], ((ConditionBuild)enabled.Build!).Executed);
    }

    [Fact]
    public async Task A_false_static_condition_skips_with_its_expression_as_reason_and_cascades()
    {
        var result = await _harness.RunAsync<ConditionBuild>("Static Other");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(TargetStatus.Skipped, result.StatusOf("Static"));
        Assert.Equal("Enabled", result.ReasonOf("Static"));
        // Setup is only needed by the skipped target; Shared is still needed by Other.
        Assert.Equal(TargetStatus.Skipped, result.StatusOf("Setup"));
        Assert.Equal(["Shared", "Other"], ((ConditionBuild)result.Build!).Executed);
    }

    [Fact]
    public async Task A_true_static_condition_runs()
    {
        var result = await _harness.RunAsync<ConditionBuild>("Static --enabled");
        Assert.Equal(["Setup", "Shared", "Static"], ((ConditionBuild)result.Build!).Executed);
    }

    [Fact]
    public async Task Skip_reason_reads_like_the_source()
    {
        var result = await _harness.RunAsync<ConditionBuild>("StaticNull --value x");
        Assert.Equal("Value == null", result.ReasonOf("StaticNull"));
        Assert.Contains("Value == null", _harness.Output);
    }

    [Fact]
    public async Task WhenSkipped_Execute_keeps_the_dependencies()
    {
        var result = await _harness.RunAsync<ConditionBuild>("KeepDeps");
        Assert.Equal(TargetStatus.Skipped, result.StatusOf("KeepDeps"));
        Assert.Equal(["Setup"], ((ConditionBuild)result.Build!).Executed);
    }

    [Fact]
    public async Task Dynamic_conditions_are_evaluated_after_the_dependencies_ran()
    {
        var result = await _harness.RunAsync<ConditionBuild>("Dynamic DynamicFalse");
        Assert.Equal(["Dynamic"], ((ConditionBuild)result.Build!).Executed);
        Assert.Equal(TargetStatus.Skipped, result.StatusOf("DynamicFalse"));
        Assert.Equal("!SetByDependency", result.ReasonOf("DynamicFalse"));
    }

    [Fact]
    public async Task Skip_option_skips_named_targets_or_all_but_the_invoked()
    {
        var named = await _harness.RunAsync<ConditionBuild>("Static --enabled --skip setup");
        Assert.Equal(["Shared", "Static"], ((ConditionBuild)named.Build!).Executed);
        Assert.Equal("--skip", named.ReasonOf("Setup"));

        var all = await _harness.RunAsync<ConditionBuild>("Static --enabled --skip");
        Assert.Equal(["Static"], ((ConditionBuild)all.Build!).Executed);
    }

    public class RequiresBuild : RecordingBuild
    {
        [Parameter("The version")] public string? Version;
        [Parameter] public int Count;

        Target First => _ => Record(_, "First");
        Target NeedsVersion => _ => Record(_.DependsOn(First).Requires(() => Version), "NeedsVersion");
        Target NeedsCount => _ => Record(_.DependsOn(First).Requires(() => Count > 2), "NeedsCount");
        Target Skipped => _ => Record(_.OnlyWhenStatic(() => false).Requires(() => Version), "Skipped");
    }

    [Fact]
    public async Task Requirements_are_all_checked_before_any_target_runs()
    {
        var result = await _harness.RunAsync<RequiresBuild>("NeedsVersion NeedsCount");
        Assert.Equal(1, result.ExitCode);
        Assert.Empty(((RequiresBuild)result.Build!).Executed);
        Assert.Contains("NeedsVersion requires Version, which is not set.", _harness.Output);
        Assert.Contains("NeedsCount requires Count > 2.", _harness.Output);
        Assert.Contains("--version, the environment variable VERSION", _harness.Output);
        Assert.Equal(TargetStatus.NotRun, result.StatusOf("NeedsVersion"));
        Assert.Equal(TargetStatus.NotRun, result.StatusOf("NeedsCount"));
        Assert.DoesNotContain("Pending", _harness.Output);
    }

    [Fact]
    public async Task Met_requirements_let_the_build_run_and_skipped_targets_are_not_checked()
    {
        var result = await _harness.RunAsync<RequiresBuild>("NeedsVersion NeedsCount Skipped --version 1.0 --count 3");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["First", "NeedsVersion", "NeedsCount"], ((RequiresBuild)result.Build!).Executed);
    }

    public class FailureBuild : RecordingBuild
    {
        [Parameter] public bool Proceed;
        Target Ok => _ => Record(_, "Ok");
        Target Fails => _ => _.DependsOn(Ok).Executes(() => throw new InvalidOperationException("boom"));
        Target FailsButProceeds => _ => _.DependsOn(Ok).ProceedAfterFailure().Executes(() => throw new InvalidOperationException("boom"));
        Target Later => _ => Record(_.After(Fails, FailsButProceeds), "Later");
        Target NeedsFailed => _ => Record(_.DependsOn(FailsButProceeds), "NeedsFailed");
        Target Assured => _ => Record(_.After(Later, NeedsFailed).AssuredAfterFailure(), "Assured");
        Target Group => _ => _.DependsOn(Ok);
    }

    [Fact]
    public async Task After_a_failure_assured_targets_run_and_the_rest_are_NotRun()
    {
        var result = await _harness.RunAsync<FailureBuild>("Fails Later Assured");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(TargetStatus.Failed, result.StatusOf("Fails"));
        Assert.Equal(TargetStatus.NotRun, result.StatusOf("Later"));
        Assert.Equal(["Ok", "Assured"], ((FailureBuild)result.Build!).Executed);
        Assert.Contains("boom", _harness.Output);
        Assert.Contains("Build failed", _harness.Output);
        Assert.DoesNotContain("   at ", _harness.Output); // no stack trace below verbose
    }

    [Fact]
    public async Task ProceedAfterFailure_continues_but_the_build_fails_and_dependents_do_not_run()
    {
        var result = await _harness.RunAsync<FailureBuild>("FailsButProceeds Later NeedsFailed");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["Ok", "Later"], ((FailureBuild)result.Build!).Executed);
        Assert.Equal(TargetStatus.NotRun, result.StatusOf("NeedsFailed"));
    }

    [Fact]
    public async Task A_target_without_actions_is_collective()
    {
        var result = await _harness.RunAsync<FailureBuild>("Group");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(TargetStatus.Collective, result.StatusOf("Group"));
    }

    [Fact]
    public async Task Stack_traces_show_at_verbose()
    {
        await _harness.RunAsync<FailureBuild>("Fails --verbosity verbose");
        Assert.Contains("   at ", _harness.Output);
    }

    public class AsyncBuild : NukeBuild
    {
        public List<string> Log2 { get; } = [];
        public CancellationToken Seen;

        Target First => _ => _.Executes(async () =>
        {
            await Task.Delay(50);
            await Task.Yield();
            Log2.Add("first done");
        });
        Target Second => _ => _.DependsOn(First).Executes(async ct =>
        {
            Seen = ct;
            await Task.Delay(10, ct);
            Log2.Add("second");
        });
        Target Sync => _ => _.DependsOn(Second).Executes(() => Log2.Add("sync"));
        Target Failing => _ => _.Executes(async () =>
        {
            await Task.Delay(20);
            throw new InvalidOperationException("async failure");
        });
    }

    [Fact]
    public async Task Async_actions_are_awaited_in_order()
    {
        using var cts = new CancellationTokenSource();
        var result = await _harness.RunAsync<AsyncBuild>("Sync", cancellationToken: cts.Token);
        var build = (AsyncBuild)result.Build!;
        Assert.Equal(["first done", "second", "sync"], build.Log2);
        Assert.Equal(cts.Token, build.Seen);
    }

    [Fact]
    public async Task An_async_failure_fails_the_target()
    {
        var result = await _harness.RunAsync<AsyncBuild>("Failing");
        Assert.Equal(TargetStatus.Failed, result.StatusOf("Failing"));
        Assert.Contains("async failure", _harness.Output);
    }

    public class HelpBuild : RecordingBuild
    {
        [Parameter("Key to use")] public string? KmsKeyId;
        public Target Visible => _ => Record(_.Description("Shown in help").DependsOn(Hidden), "Visible");
        Target Hidden => _ => Record(_.Unlisted(), "Hidden");
    }

    [Fact]
    public async Task Help_lists_described_targets_default_and_kebab_parameters_but_not_unlisted()
    {
        var result = await _harness.RunAsync<HelpBuild>("--help", x => x.Visible);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Visible (default)", _harness.Output);
        Assert.Contains("Shown in help", _harness.Output);
        Assert.Contains("-> Hidden", _harness.Output);
        Assert.DoesNotContain("  Hidden", _harness.Output);
        Assert.Contains("--kms-key-id", _harness.Output);
        Assert.Contains("Key to use", _harness.Output);
        Assert.Empty(((HelpBuild)result.Build!).Executed);
        Assert.False((_harness.Root / ".nuke" / "build.schema.json").Exists());
    }

    public class WideHelpBuild : RecordingBuild
    {
        [Parameter("Key to use")] public string? KmsKeyId;
        [Parameter("Long one")] public string? AParameterWhoseNameIsLongerThanTheSixtyFourSpacesThatPadTheColumns;
        public Target Short => _ => Record(_.Description("Short target"), "Short");
    }

    [Fact]
    public async Task Help_aligns_descriptions_in_one_column_however_wide_the_widest_option_is()
    {
        var result = await _harness.RunAsync<WideHelpBuild>("--help");
        Assert.Equal(0, result.ExitCode);
        var lines = _harness.Output.Split('\n');
        int Column(string description) => lines.Single(l => l.EndsWith(description, StringComparison.Ordinal)).Length - description.Length;
        Assert.True(Column("Long one") > 70, _harness.Output);
        Assert.Equal(Column("Long one"), Column("Key to use"));
        Assert.Equal(Column("Long one"), Column("Show this help"));
    }
}
