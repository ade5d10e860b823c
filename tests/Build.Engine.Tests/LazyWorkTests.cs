using System.Reflection;
using Nuke.Common.CI;
using Nuke.Common.Execution;
using Engine.Tests.Support;

namespace Engine.Tests;

public class LazyWorkTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    public sealed class CountingValueAttribute : ValueInjectionAttributeBase
    {
        public override Task<object?> GetValueAsync(MemberInfo member, NukeBuild build, CancellationToken ct)
        {
            var lazy = (LazyBuild)build;
            lazy.Injections++;
            Assert.Empty(lazy.Executed); // injected before any target runs
            return Task.FromResult<object?>("1.2.3");
        }
    }

    [CountingConfiguration]
    public class LazyBuild : RecordingBuild
    {
        public int Injections;
        [CountingValue] public string? Version;
        [Parameter] public bool Off;

        Target UsesVersion => _ => Record(_.Requires(() => Version).OnlyWhenStatic(() => !Off), "UsesVersion");

        protected override string? SkipAllReason => EnvironmentVariable("CI_COMMIT_TAG") is { } tag ? $"tag pipeline (CI_COMMIT_TAG={tag})" : null;
    }

    public sealed class CountingConfigurationAttribute : ConfigurationAttributeBase
    {
        public override string ConfigurationFile => "ci/pipeline.yml";
        public override string Generate(BuildModel model) =>
            string.Join("\n", model.Targets.Select(t => $"{t.Name}: [{string.Join(",", t.DependsOn)}]")) + "\n";
    }

    [Fact]
    public async Task Values_are_injected_only_when_a_target_runs_and_before_requirements()
    {
        var run = await _harness.RunAsync<LazyBuild>("UsesVersion");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(1, ((LazyBuild)run.Build!).Injections);
        Assert.Equal("1.2.3", ((LazyBuild)run.Build!).Version);

        foreach (var args in new[] { "UsesVersion --help", "UsesVersion --plan", "UsesVersion --off" })
        {
            var result = await _harness.RunAsync<LazyBuild>(args);
            Assert.Equal(0, result.ExitCode);
            Assert.Equal(0, ((LazyBuild)result.Build!).Injections);
        }
    }

    [Fact]
    public async Task SkipAllReason_skips_every_target_without_injection_or_configuration_check()
    {
        _harness.Environment["CI_COMMIT_TAG"] = "v1.2.3";
        _harness.Environment["FAKE_CI"] = "true"; // a server: a stale configuration would fail the build
        // Nor are parameters: a run that skips everything does not read .nuke/parameters.json (the Off it sets stays
        // false, and what would fail any other run does not fail this one).
        _harness.WriteParametersJson("""{ "Off": true, "Off": true }""");
        var result = await _harness.RunAsync<LazyBuild>("UsesVersion");
        Assert.Equal(0, result.ExitCode);
        var build = (LazyBuild)result.Build!;
        Assert.False(build.Off);
        Assert.Equal(0, build.Injections);
        Assert.Empty(build.Executed);
        Assert.Equal(TargetStatus.Skipped, result.StatusOf("UsesVersion"));
        Assert.Equal("tag pipeline (CI_COMMIT_TAG=v1.2.3)", result.ReasonOf("UsesVersion"));
        Assert.Contains("tag pipeline (CI_COMMIT_TAG=v1.2.3)", _harness.Output);
        Assert.False((_harness.Root / "ci" / "pipeline.yml").Exists());
    }

    [Fact]
    public async Task Generate_configuration_writes_the_files_and_runs_nothing()
    {
        var result = await _harness.RunAsync<LazyBuild>("--generate-configuration");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("UsesVersion: []\n", (_harness.Root / "ci" / "pipeline.yml").ReadAllText());
        Assert.Empty(((LazyBuild)result.Build!).Executed);
        Assert.Equal(0, ((LazyBuild)result.Build!).Injections);
    }

    [Fact]
    public async Task A_local_run_refreshes_the_configuration_and_says_so()
    {
        var file = _harness.Root / "ci" / "pipeline.yml";
        file.WriteAllText("stale\n");
        await _harness.RunAsync<LazyBuild>("UsesVersion");
        Assert.Equal("UsesVersion: []\n", file.ReadAllText());
        Assert.Contains("Wrote ci/pipeline.yml", _harness.Output);

        await _harness.RunAsync<LazyBuild>("UsesVersion");
        Assert.DoesNotContain("Wrote ci/pipeline.yml", _harness.Output);
    }

    [Fact]
    public async Task A_server_run_fails_early_on_a_stale_configuration()
    {
        _harness.Environment["FAKE_CI"] = "true";
        var file = _harness.Root / "ci" / "pipeline.yml";
        file.WriteAllText("stale\n");
        var stale = await _harness.RunAsync<LazyBuild>("UsesVersion");
        Assert.Equal(1, stale.ExitCode);
        Assert.Contains("ci/pipeline.yml does not match", _harness.Output);
        Assert.Contains("./build.sh --generate-configuration", _harness.Output);
        Assert.Equal("stale\n", file.ReadAllText());
        Assert.Empty(((LazyBuild)stale.Build!).Executed);

        file.WriteAllText("UsesVersion: []\n");
        var current = await _harness.RunAsync<LazyBuild>("UsesVersion");
        Assert.Equal(0, current.ExitCode);
    }

    [Fact]
    public async Task The_schema_is_written_on_local_runs_with_targets_and_parameters()
    {
        await _harness.RunAsync<LazyBuild>("UsesVersion");
        var schema = (_harness.Root / ".nuke" / "build.schema.json").ReadAllText();
        Assert.Contains("\"UsesVersion\"", schema);
        Assert.Contains("\"Off\"", schema);
        Assert.Contains("\"boolean\"", schema);
        using var parsed = System.Text.Json.JsonDocument.Parse(schema);

        // An unchanged schema is not rewritten: an old timestamp survives the next run (no sleep needed to tell).
        var old = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(_harness.Root / ".nuke" / "build.schema.json", old);
        await _harness.RunAsync<LazyBuild>("UsesVersion");
        Assert.Equal(old, File.GetLastWriteTimeUtc(_harness.Root / ".nuke" / "build.schema.json"));
    }

    public sealed class GenerationCountingAttribute : ConfigurationAttributeBase
    {
        // Only the test below uses this build; tests of one class run one at a time.
        public static int Calls;
        public override string ConfigurationFile => "ci/counted.yml";
        public override string Generate(BuildModel model)
        {
            Interlocked.Increment(ref Calls);
            return "targets: " + model.Targets.Count + "\n";
        }
    }

    [GenerationCounting]
    public class CountedBuild : RecordingBuild
    {
        Target Noop => _ => Record(_, "Noop");
    }

    [Fact]
    public async Task Generated_files_are_regenerated_only_when_the_hash_of_build_and_files_changed()
    {
        GenerationCountingAttribute.Calls = 0;
        await _harness.RunAsync<CountedBuild>("Noop");
        Assert.Equal(1, GenerationCountingAttribute.Calls);
        var file = _harness.Root / "ci" / "counted.yml";
        Assert.True(file.FileExists());

        await _harness.RunAsync<CountedBuild>("Noop");
        Assert.Equal(1, GenerationCountingAttribute.Calls); // same build, same files: nothing generated

        // A touched file is compared by content: nothing is generated, and the stamp takes its new time, so the next run
        // finds the stats as recorded and reads no file.
        var stamp = _harness.Root / ".nuke" / "temp" / "generated-files.stamp";
        var touched = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(file, touched);
        Assert.DoesNotContain(touched.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture), stamp.ReadAllText());
        await _harness.RunAsync<CountedBuild>("Noop");
        Assert.Equal(1, GenerationCountingAttribute.Calls);
        Assert.Contains($" {touched.Ticks} {file}\n", stamp.ReadAllText());

        file.WriteAllText("edited by hand\n");
        await _harness.RunAsync<CountedBuild>("Noop");
        Assert.Equal(2, GenerationCountingAttribute.Calls);
        Assert.StartsWith("targets: ", file.ReadAllText());

        File.Delete(_harness.Root / ".nuke" / "build.schema.json");
        await _harness.RunAsync<CountedBuild>("Noop");
        Assert.Equal(3, GenerationCountingAttribute.Calls);
        Assert.True((_harness.Root / ".nuke" / "build.schema.json").FileExists());
    }
}
