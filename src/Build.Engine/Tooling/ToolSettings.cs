using System.Collections.Immutable;

namespace Nuke.Common.Tooling;

/// <summary>
/// Base of Nuke's fluent tool settings. Every <c>Set*</c>/<c>Reset*</c>/<c>Enable*</c>/<c>Add*</c> call returns a
/// modified copy and leaves the original as it was, so one base can be combined into many (<c>CombineWith</c>).
/// Collections are immutable for the same reason.
/// </summary>
public abstract class ToolSettings
{
    /// <summary>The executable; null means the task's default (e.g. <c>DOTNET_EXE</c>, else <c>dotnet</c> on PATH).</summary>
    public string? ProcessToolPath { get; internal set; }
    public string? ProcessWorkingDirectory { get; internal set; }
    /// <summary>Added to (or, with a null value, removed from) the child's environment.</summary>
    public ImmutableDictionary<string, string?> ProcessEnvironmentVariables { get; internal set; } = ImmutableDictionary<string, string?>.Empty;
    /// <summary>Milliseconds, as in Nuke.</summary>
    public int? ProcessExecutionTimeout { get; internal set; }
    public bool? ProcessLogOutput { get; internal set; }
    public bool? ProcessLogInvocation { get; internal set; }
    public Func<Arguments, Arguments>? ProcessArgumentConfigurator { get; internal set; }

    /// <summary>The executable used when <see cref="ProcessToolPath"/> is not set.</summary>
    protected internal abstract string DefaultToolPath(Func<string, string?> environment);

    /// <summary>The tool's own arguments, in the order Nuke renders them.</summary>
    protected abstract void Configure(Arguments arguments);

    /// <summary>The full argument list the process receives.</summary>
    public Arguments GetArguments()
    {
        var arguments = new Arguments();
        Configure(arguments);
        return ProcessArgumentConfigurator?.Invoke(arguments) ?? arguments;
    }

    /// <summary>A shallow copy; safe because every collection member is immutable.</summary>
    protected internal virtual ToolSettings Clone() => (ToolSettings)MemberwiseClone();
}

public static class ToolSettingsExtensions
{
    /// <summary>Copies the settings, applies <paramref name="change"/> to the copy and returns it.</summary>
    public static T Modify<T>(this T settings, Action<T> change) where T : ToolSettings
    {
        var copy = (T)settings.Clone();
        change(copy);
        return copy;
    }

    public static T SetProcessToolPath<T>(this T s, string? path) where T : ToolSettings => s.Modify(x => x.ProcessToolPath = path);
    public static T ResetProcessToolPath<T>(this T s) where T : ToolSettings => s.Modify(x => x.ProcessToolPath = null);
    public static T SetProcessWorkingDirectory<T>(this T s, string? directory) where T : ToolSettings => s.Modify(x => x.ProcessWorkingDirectory = directory);
    public static T ResetProcessWorkingDirectory<T>(this T s) where T : ToolSettings => s.Modify(x => x.ProcessWorkingDirectory = null);
    public static T SetProcessEnvironmentVariable<T>(this T s, string name, string? value) where T : ToolSettings =>
        s.Modify(x => x.ProcessEnvironmentVariables = x.ProcessEnvironmentVariables.SetItem(name, value));
    public static T RemoveProcessEnvironmentVariable<T>(this T s, string name) where T : ToolSettings =>
        s.Modify(x => x.ProcessEnvironmentVariables = x.ProcessEnvironmentVariables.SetItem(name, null));
    public static T SetProcessExecutionTimeout<T>(this T s, int? milliseconds) where T : ToolSettings => s.Modify(x => x.ProcessExecutionTimeout = milliseconds);
    public static T SetProcessLogOutput<T>(this T s, bool? log) where T : ToolSettings => s.Modify(x => x.ProcessLogOutput = log);
    public static T EnableProcessLogOutput<T>(this T s) where T : ToolSettings => s.Modify(x => x.ProcessLogOutput = true);
    public static T DisableProcessLogOutput<T>(this T s) where T : ToolSettings => s.Modify(x => x.ProcessLogOutput = false);
    public static T SetProcessLogInvocation<T>(this T s, bool? log) where T : ToolSettings => s.Modify(x => x.ProcessLogInvocation = log);
    public static T EnableProcessLogInvocation<T>(this T s) where T : ToolSettings => s.Modify(x => x.ProcessLogInvocation = true);
    public static T DisableProcessLogInvocation<T>(this T s) where T : ToolSettings => s.Modify(x => x.ProcessLogInvocation = false);
    public static T SetProcessArgumentConfigurator<T>(this T s, Func<Arguments, Arguments> configurator) where T : ToolSettings =>
        s.Modify(x => x.ProcessArgumentConfigurator = configurator);

    /// <summary>Applies <paramref name="configurator"/> only when <paramref name="condition"/> holds (Nuke's <c>.When(...)</c>).</summary>
    public static T When<T>(this T settings, bool condition, Configure<T> configurator) where T : ToolSettings =>
        condition ? configurator(settings) : settings;

    /// <summary>Applies <paramref name="configurator"/> only when <paramref name="condition"/> holds for the settings.</summary>
    public static T When<T>(this T settings, Func<T, bool> condition, Configure<T> configurator) where T : ToolSettings =>
        condition(settings) ? configurator(settings) : settings;

    /// <summary>One settings object per value: <c>s.CombineWith(packages, (s, p) => s.SetTargetPath(p))</c>.</summary>
    public static IReadOnlyList<T> CombineWith<T, TValue>(this T settings, IEnumerable<TValue> values, Func<T, TValue, T> combinator) where T : ToolSettings =>
        values.Select(v => combinator(settings, v)).ToList();

    public static IReadOnlyList<T> CombineWith<T>(this T settings, params Configure<T>[] configurators) where T : ToolSettings =>
        configurators.Select(c => c(settings)).ToList();
}
