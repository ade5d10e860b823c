using System.Reflection;
using Engine.Tests.Support;

namespace Engine.Tests;

/// <summary>Injected values of component properties are computed on first read, so only targets that read them pay.</summary>
public class LazyComponentValueTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    public sealed class ExpensiveAttribute : ValueInjectionAttributeBase
    {
        public override Task<object?> GetValueAsync(MemberInfo member, NukeBuild build, CancellationToken ct)
        {
            var counting = (CountingBuild)build;
            Interlocked.Increment(ref counting.Computations);
            return counting.Fail
                ? throw new BuildException("cannot compute the version here", "make a commit")
                : Task.FromResult<object?>("4.5.6");
        }
    }

    public interface IHazExpensive : INukeBuild
    {
        [Expensive] string Expensive => TryGetValue(() => Expensive)!;

        Target Reads => _ => _.Executes(() => Log.Information("read {Value}", Expensive + "/" + Expensive));
        Target Ignores => _ => _.Executes(() => { });
    }

    public class CountingBuild : RecordingBuild, IHazExpensive
    {
        public int Computations;
        [Parameter] public bool Fail;
    }

    [Fact]
    public async Task A_target_that_never_reads_the_value_never_computes_it()
    {
        var result = await _harness.RunAsync<CountingBuild>("Ignores --fail");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, ((CountingBuild)result.Build!).Computations);
    }

    [Fact]
    public async Task The_value_is_computed_once_when_first_read()
    {
        var result = await _harness.RunAsync<CountingBuild>("Reads Ignores");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, ((CountingBuild)result.Build!).Computations);
        Assert.Contains("read 4.5.6/4.5.6", _harness.Output);
    }

    [Fact]
    public async Task A_failure_to_compute_fails_the_target_that_reads_it_with_cause_and_fix()
    {
        var result = await _harness.RunAsync<CountingBuild>("Reads --fail");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(Nuke.Common.Execution.TargetStatus.Failed, result.StatusOf("Reads"));
        Assert.Contains("cannot compute the version here", _harness.Output);
        Assert.Contains("make a commit", _harness.Output);
    }
}
