using Engine.Tests.Support;
using Nuke.Common.IO;
using Nuke.Common.Tooling;

namespace Engine.Tests;

/// <summary>Targets, parameters and settings hooks declared as default members of component interfaces.</summary>
public class InterfaceTargetTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    public interface IRecording : INukeBuild
    {
        List<string> Executed { get; }

        ITargetDefinition Record(ITargetDefinition target, string name) => target.Executes(() => { lock (Executed) Executed.Add(name); });
    }

    public interface IRestoreLike : IRecording
    {
        Target Restore => _ => Record(_.Description("Restore from a component"), "Restore");
    }

    public interface ICompileLike : IRestoreLike
    {
        [Parameter("Configuration from a component")]
        string Configuration => TryGetValue(() => Configuration) ?? "Debug";

        [Parameter("A switch from a component")]
        bool Force => TryGetValue<bool?>(() => Force) ?? false;

        [Parameter("A path from a component")]
        AbsolutePath? Output => TryGetValue(() => Output);

        /// <summary>Settings hook: a build adjusts the arguments without redefining Compile.</summary>
        Configure<List<string>> CompileSettings => _ => _;

        Target Compile => _ => Record(_.DependsOn<IRestoreLike>(x => x.Restore), "Compile")
            .Executes(() => { lock (Executed) Executed.Add("args: " + string.Join(" ", CompileSettings(["build", "-c", Configuration]))); });
    }

    public interface ITestLike : ICompileLike
    {
        Target Test => _ => Record(_.DependsOn<ICompileLike>(x => x.Compile).TryDependsOn<IPackLike>(x => x.Pack), "Test");
    }

    public interface IPackLike : ICompileLike
    {
        Target Pack => _ => Record(_.DependsOn(Compile).Before<ITestLike>(x => x.Test), "Pack");
    }

    public interface IAnnounce : IRecording
    {
        Target Announce => _ => Record(_.After<IRestoreLike>(x => x.Restore).TryTriggeredBy<ICompileLike>(x => x.Compile), "Announce");
    }

    public class ComponentBuild : RecordingBuild, ITestLike, IAnnounce
    {
        Target Own => _ => Record(_.DependsOn<ITestLike>(x => x.Test), "Own");
    }

    public class PackingBuild : RecordingBuild, ITestLike, IPackLike;

    public class TestOnlyBuild : RecordingBuild, ITestLike;

    public class OverridingBuild : RecordingBuild, ITestLike
    {
        // Reuses the component's definition (dependency on Restore and its action), then adds to it.
        Target ICompileLike.Compile => _ => ((IRecording)this).Record(_.Inherit<ICompileLike>(), "Compile (class)");

        // Replaces the component's definition entirely.
        public Target Restore => _ => Record(_, "Restore (class)");

        Configure<List<string>> ICompileLike.CompileSettings => s => [.. s, "-p:Extra=1"];
    }

    public interface IKeyed : IRecording
    {
        [Parameter("A key id from a component")]
        string? KeyId => TryGetValue(() => KeyId);

        Target UseKey => _ => Record(_.Requires(() => KeyId), "UseKey");
    }

    public class KeyedBuild : RecordingBuild, IKeyed
    {
        // The same pattern works for a class's own computed property.
        [Parameter] public string Greeting => TryGetValue(() => Greeting) ?? "hello";
    }

    public class MissingComponentBuild : RecordingBuild
    {
        Target Broken => _ => _.DependsOn<ICompileLike>(x => x.Compile);
    }

    public class BaseBuild : RecordingBuild
    {
        protected virtual Target Compile => _ => Record(_.Description("base"), "Compile (base)");
    }

    public class DerivedBuild : BaseBuild
    {
        protected override Target Compile => _ => Record(_.Base(), "Compile (derived)");
    }

    // Generic declaring types take the reflection-emit path of NonVirtual (their code needs the instantiation).
    public class GenericBaseBuild<T> : RecordingBuild
    {
        protected virtual Target Compile => _ => Record(_, $"Compile (base of {typeof(T).Name})");
    }

    public class GenericDerivedBuild : GenericBaseBuild<string>
    {
        protected override Target Compile => _ => Record(_.Base(), "Compile (derived)");
    }

    public interface IGenericComponent<T> : IRecording
    {
        Target Generic => _ => Record(_, $"Generic of {typeof(T).Name}");
    }

    public class GenericInheritBuild : RecordingBuild, IGenericComponent<int>
    {
        Target IGenericComponent<int>.Generic => _ => ((IRecording)this).Record(_.Inherit<IGenericComponent<int>>(), "Generic (class)");
    }

    // Selector-less shorthand (Nuke): DependsOn<T>() and friends mean the one target T declares.
    public interface IShorthand : ITestLike
    {
        Target Before1 => _ => Record(_.Before<IRestoreLike>(), "Before1");
        Target After1 => _ => Record(_.After<ITestLike>(), "After1");
        Target Trigger1 => _ => Record(_.Triggers<IPackLike>(), "Trigger1");
        Target Dep1 => _ => Record(_.DependsOn<ICompileLike>(), "Dep1");
        Target DepFor1 => _ => Record(_.DependentFor<IPackLike>(), "DepFor1");
        Target TrigBy1 => _ => Record(_.TriggeredBy<ITestLike>(), "TrigBy1");
    }

    public class ShorthandBuild : RecordingBuild, IShorthand, IPackLike;

    public class InheritShorthandBuild : RecordingBuild, ITestLike
    {
        Target ICompileLike.Compile => _ => ((IRecording)this).Record(_.Inherit<ICompileLike>(), "Compile (class)");
    }

    public interface ITwoTargets : IRecording
    {
        Target First => _ => Record(_, "First");
        Target Second => _ => Record(_, "Second");
    }

    public class AmbiguousDependsOnBuild : RecordingBuild, ITwoTargets
    {
        Target Broken => _ => _.DependsOn<ITwoTargets>();
    }

    public class AmbiguousBeforeBuild : RecordingBuild, ITwoTargets
    {
        Target Broken => _ => _.Before<ITwoTargets>();
    }

    public class AmbiguousAfterBuild : RecordingBuild, ITwoTargets
    {
        Target Broken => _ => _.After<ITwoTargets>();
    }

    public class AmbiguousTriggersBuild : RecordingBuild, ITwoTargets
    {
        Target Broken => _ => _.Triggers<ITwoTargets>();
    }

    public class AmbiguousInheritBuild : RecordingBuild, ITwoTargets
    {
        Target ITwoTargets.First => _ => _.Inherit<ITwoTargets>();
    }

    private async Task<List<string>> Executed<T>(string args) where T : RecordingBuild, new()
    {
        var result = await _harness.RunAsync<T>(args);
        Assert.True(result.ExitCode == 0, _harness.Output);
        return ((RecordingBuild)result.Build!).Executed;
    }

    [Fact]
    public async Task Component_targets_are_discovered_and_ordered_across_interfaces()
    {
        var executed = await Executed<ComponentBuild>("Own");

        Assert.Equal(["Restore", "Compile", "args: build -c Debug", "Test", "Own"], executed.Where(e => e != "Announce"));
        // Triggered by Compile (a component of another interface): scheduled, and run after it.
        Assert.True(executed.IndexOf("Announce") > executed.IndexOf("Compile"), string.Join(", ", executed));

        await _harness.RunAsync<ComponentBuild>("--help");
        Assert.Contains("Restore from a component", _harness.Output);
        Assert.Contains("Compile", _harness.Output);
        Assert.Contains("Announce", _harness.Output);
    }

    [Fact]
    public async Task TryDependsOn_schedules_a_component_only_when_the_build_implements_it()
    {
        Assert.Equal(["Restore", "Compile", "args: build -c Debug", "Pack", "Test"], await Executed<PackingBuild>("Test"));
        Assert.Equal(["Restore", "Compile", "args: build -c Debug", "Test"], await Executed<TestOnlyBuild>("Test"));
    }

    [Fact]
    public async Task DependsOn_a_component_the_build_does_not_implement_fails_with_the_fix()
    {
        var result = await _harness.RunAsync<MissingComponentBuild>("Broken");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("does not implement ICompileLike", _harness.Output);
        Assert.Contains("TryDependsOn<ICompileLike>", _harness.Output);
    }

    [Fact]
    public async Task A_class_override_wins_and_can_inherit_the_component_definition_and_settings_hooks_apply()
    {
        Assert.Equal(["Restore (class)", "Compile", "args: build -c Debug -p:Extra=1", "Compile (class)", "Test"], await Executed<OverridingBuild>("Test"));

        await _harness.RunAsync<OverridingBuild>("--help");
        Assert.Single(_harness.Output.Split('\n'), line => line.TrimStart().StartsWith("Compile", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Base_applies_the_overridden_class_definition()
    {
        Assert.Equal(["Compile (base)", "Compile (derived)"], await Executed<DerivedBuild>("Compile"));
    }

    [Fact]
    public async Task Base_and_Inherit_read_the_own_definition_of_a_generic_base_class_or_interface()
    {
        Assert.Equal(["Compile (base of String)", "Compile (derived)"], await Executed<GenericDerivedBuild>("Compile"));
        Assert.Equal(["Generic of Int32", "Generic (class)"], await Executed<GenericInheritBuild>("Generic"));
    }

    [Fact]
    public async Task Component_parameters_come_from_command_line_environment_and_parameters_json()
    {
        _harness.WriteParametersJson("""{ "Configuration": "FromJson", "Force": true }""");
        var build = (ICompileLike)(await _harness.RunAsync<TestOnlyBuild>("Restore")).Build!;
        Assert.Equal("FromJson", build.Configuration);
        Assert.True(build.Force);
        Assert.Null(build.Output);

        _harness.Environment["CONFIGURATION"] = "FromEnv";
        Assert.Equal("FromEnv", ((ICompileLike)(await _harness.RunAsync<TestOnlyBuild>("Restore")).Build!).Configuration);

        var result = await _harness.RunAsync<TestOnlyBuild>("Compile --configuration FromCli --output out/dir");
        Assert.True(result.ExitCode == 0, _harness.Output);
        var fromCli = (TestOnlyBuild)result.Build!;
        Assert.Equal("FromCli", ((ICompileLike)fromCli).Configuration);
        Assert.Equal(_harness.Root / "out" / "dir", ((ICompileLike)fromCli).Output);
        Assert.Contains("args: build -c FromCli", fromCli.Executed);
    }

    [Fact]
    public async Task Component_parameters_default_when_unset_and_appear_in_help_and_schema()
    {
        var build = (ICompileLike)(await _harness.RunAsync<TestOnlyBuild>("Restore")).Build!;
        Assert.Equal("Debug", build.Configuration);
        Assert.False(build.Force);

        var schema = (_harness.Root / ".nuke" / "build.schema.json").ReadAllText();
        Assert.Contains("\"Configuration from a component\"", schema);
        Assert.Contains("\"Force\"", schema);

        await _harness.RunAsync<TestOnlyBuild>("--help");
        Assert.Contains("--configuration <text>", _harness.Output);
        Assert.Contains("--force <boolean", _harness.Output);
    }

    [Fact]
    public async Task A_bad_component_parameter_value_fails_with_the_source()
    {
        _harness.Environment["FORCE"] = "maybe";

        var result = await _harness.RunAsync<TestOnlyBuild>("Restore");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Parameter Force got 'maybe' from environment variable FORCE", _harness.Output);
    }

    [Fact]
    public async Task A_missing_component_parameter_fails_the_requirement_with_every_way_to_set_it()
    {
        var result = await _harness.RunAsync<KeyedBuild>("UseKey");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("UseKey requires KeyId, which is not set.", _harness.Output);
        Assert.Contains("--key-id", _harness.Output);
        Assert.Contains("KEY_ID", _harness.Output);

        var fixedRun = await _harness.RunAsync<KeyedBuild>("UseKey --key-id k1 --greeting hi");
        Assert.True(fixedRun.ExitCode == 0, _harness.Output);
        Assert.Equal("k1", ((IKeyed)fixedRun.Build!).KeyId);
        Assert.Equal("hi", ((KeyedBuild)fixedRun.Build!).Greeting);
        Assert.Equal(["UseKey"], ((KeyedBuild)fixedRun.Build!).Executed);
    }

    [Fact]
    public async Task DependsOn_without_a_selector_means_the_components_only_target()
    {
        Assert.Equal(["Restore", "Compile", "args: build -c Debug", "Dep1"], await Executed<ShorthandBuild>("Dep1"));
    }

    [Fact]
    public async Task DependentFor_and_TriggeredBy_without_a_selector_mean_the_components_only_target()
    {
        var executed = await Executed<ShorthandBuild>("Pack");
        Assert.True(executed.IndexOf("DepFor1") is >= 0 and var i && i < executed.IndexOf("Pack"), string.Join(", ", executed));

        executed = await Executed<ShorthandBuild>("Test");
        Assert.True(executed.IndexOf("TrigBy1") > executed.IndexOf("Test"), string.Join(", ", executed));
    }

    [Fact]
    public async Task Before_without_a_selector_orders_before_the_components_only_target()
    {
        var executed = await Executed<ShorthandBuild>("Restore Before1");
        Assert.Equal(["Before1", "Restore"], executed);
    }

    [Fact]
    public async Task After_without_a_selector_orders_after_the_components_only_target()
    {
        var executed = await Executed<ShorthandBuild>("After1 Test --skip Restore Compile Pack");
        Assert.Equal(["Test", "After1"], executed.Where(e => e is "Test" or "After1"));
    }

    [Fact]
    public async Task Triggers_without_a_selector_schedules_the_components_only_target()
    {
        var executed = await Executed<ShorthandBuild>("Trigger1 --skip Restore Compile");
        Assert.Equal(["Trigger1", "Pack"], executed.Where(e => e is "Trigger1" or "Pack"));
    }

    [Fact]
    public async Task Inherit_without_a_selector_inherits_the_components_only_target()
    {
        Assert.Equal(["Restore", "Compile", "args: build -c Debug", "Compile (class)"], await Executed<InheritShorthandBuild>("Compile"));
    }

    [Theory]
    [InlineData(typeof(AmbiguousDependsOnBuild), "DependsOn<ITwoTargets>()")]
    [InlineData(typeof(AmbiguousBeforeBuild), "Before<ITwoTargets>()")]
    [InlineData(typeof(AmbiguousAfterBuild), "After<ITwoTargets>()")]
    [InlineData(typeof(AmbiguousTriggersBuild), "Triggers<ITwoTargets>()")]
    [InlineData(typeof(AmbiguousInheritBuild), "Inherit<ITwoTargets>()")]
    public async Task A_shorthand_on_a_component_with_several_targets_fails_naming_the_component(Type buildType, string usage)
    {
        var run = typeof(BuildHarness).GetMethod(nameof(BuildHarness.RunAsync))!.MakeGenericMethod(buildType);
        var result = await (Task<BuildRunResult>)run.Invoke(_harness, ["First", null, CancellationToken.None])!;

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"uses {usage}, but ITwoTargets declares 2 targets (First, Second)", _harness.Output);
        Assert.Contains("x => x.First", _harness.Output);
    }
}
