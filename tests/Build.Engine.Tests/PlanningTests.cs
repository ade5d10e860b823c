using Nuke.Common.Execution;
using Engine.Tests.Support;

namespace Engine.Tests;

public class PlanningTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    public class OrderBuild : RecordingBuild
    {
        Target A => _ => Record(_.DependsOn(B, C), "A");
        Target B => _ => Record(_, "B");
        Target C => _ => Record(_.DependsOn(B), "C");
        Target D => _ => Record(_.DependentFor(A), "D");
        Target E => _ => Record(_.After(A), "E");
        Target F => _ => Record(_.Before(B), "F");
        Target G => _ => Record(_.Triggers(H), "G");
        Target H => _ => Record(_, "H");
        Target I => _ => Record(_.TriggeredBy(G), "I");
    }

    [Fact]
    public async Task Dependencies_run_first_in_declaration_order()
    {
        var result = await _harness.RunAsync<OrderBuild>("A");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["B", "C", "D", "A"], ((OrderBuild)result.Build!).Executed);
    }

    [Fact]
    public async Task After_and_Before_order_but_do_not_schedule()
    {
        var alone = await _harness.RunAsync<OrderBuild>("E");
        Assert.Equal(["E"], ((OrderBuild)alone.Build!).Executed);

        var both = await _harness.RunAsync<OrderBuild>("E A F");
        Assert.Equal(["F", "B", "C", "D", "A", "E"], ((OrderBuild)both.Build!).Executed);
    }

    [Fact]
    public async Task Triggers_and_TriggeredBy_schedule_after_the_trigger()
    {
        var result = await _harness.RunAsync<OrderBuild>("G B");
        Assert.Equal(["G", "H", "I", "B"], ((OrderBuild)result.Build!).Executed);
    }

    [Fact]
    public async Task Order_is_deterministic()
    {
        var first = await _harness.RunAsync<OrderBuild>("A E G");
        var second = await _harness.RunAsync<OrderBuild>("A E G");
        Assert.Equal(((OrderBuild)first.Build!).Executed, ((OrderBuild)second.Build!).Executed);
    }

    public class CycleBuild : RecordingBuild
    {
        Target A => _ => Record(_.DependsOn(B), "A");
        Target B => _ => Record(_.DependsOn(C), "B");
        Target C => _ => Record(_.After(A), "C");
    }

    [Fact]
    public async Task A_cycle_fails_naming_it()
    {
        var result = await _harness.RunAsync<CycleBuild>("A");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cycle: A -> B -> C -> A", _harness.Output);
        Assert.Empty(((CycleBuild)result.Build!).Executed);
    }

    [Fact]
    public async Task An_unknown_target_fails_listing_the_available_ones()
    {
        var result = await _harness.RunAsync<OrderBuild>("Nope");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Target 'Nope' does not exist", _harness.Output);
        Assert.Contains("A, B, C, D, E, F, G, H, I", _harness.Output);
    }

    [Fact]
    public async Task The_default_target_runs_when_none_is_given()
    {
        var ok = await _harness.RunAsync<DefaultBuild>("", x => x.Main);
        Assert.Equal(["Main"], ((DefaultBuild)ok.Build!).Executed);
    }

    public class DefaultBuild : RecordingBuild
    {
        public Target Main => _ => Record(_, "Main");
        public Target Other => _ => Record(_, "Other");
    }

    [Fact]
    public async Task Plan_prints_the_order_without_executing()
    {
        var result = await _harness.RunAsync<OrderBuild>("A --plan");
        Assert.Equal(0, result.ExitCode);
        Assert.Empty(((OrderBuild)result.Build!).Executed);
        var lines = _harness.Output.Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains(lines, l => l.StartsWith("1. B"));
        Assert.Contains(lines, l => l.StartsWith("4. A") && l.Contains("invoked"));
    }

    [Fact]
    public async Task Statuses_are_reported_in_the_summary()
    {
        var result = await _harness.RunAsync<OrderBuild>("A");
        Assert.All(result.Plan!.Targets, t => Assert.Equal(TargetStatus.Succeeded, t.Status));
        Assert.Contains("Build succeeded on", _harness.Output);
    }
}
