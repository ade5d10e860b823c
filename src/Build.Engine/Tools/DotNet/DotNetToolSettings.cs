using System.Collections.Immutable;
using Nuke.Common.Tooling;

namespace Nuke.Common.Tools.DotNet;

/// <summary>What every <c>dotnet</c> command's settings share: the executable and the MSBuild properties.</summary>
public abstract class DotNetToolSettings : ToolSettings
{
    protected DotNetToolSettings()
    {
        // The CLI's first-run banner and telemetry notice would otherwise land in every build log.
        ProcessEnvironmentVariables = ImmutableDictionary<string, string?>.Empty
            .Add("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
            .Add("DOTNET_NOLOGO", "1")
            .Add("DOTNET_SKIP_FIRST_TIME_EXPERIENCE", "1");
    }

    /// <summary>MSBuild properties, rendered as <c>/property:Name=Value</c> in the order they were set.</summary>
    public ImmutableList<KeyValuePair<string, object?>> Properties { get; internal set; } = ImmutableList<KeyValuePair<string, object?>>.Empty;

    /// <summary><c>DOTNET_EXE</c> from the build's environment (as in Nuke), else <c>dotnet</c> on PATH.</summary>
    protected internal override string DefaultToolPath(Func<string, string?> environment) => DotNetTasks.GetDotNetPath(environment);
}

/// <summary>dotnet's <c>--verbosity</c> values.</summary>
[System.ComponentModel.TypeConverter(typeof(TypeConverter<DotNetVerbosity>))]
public sealed class DotNetVerbosity : Enumeration
{
    public static readonly DotNetVerbosity Quiet = new() { Value = "quiet" };
    public static readonly DotNetVerbosity Minimal = new() { Value = "minimal" };
    public static readonly DotNetVerbosity Normal = new() { Value = "normal" };
    public static readonly DotNetVerbosity Detailed = new() { Value = "detailed" };
    public static readonly DotNetVerbosity Diagnostic = new() { Value = "diagnostic" };
}

/// <summary>The <c>SymbolPackageFormat</c> MSBuild property's values.</summary>
[System.ComponentModel.TypeConverter(typeof(TypeConverter<DotNetSymbolPackageFormat>))]
public sealed class DotNetSymbolPackageFormat : Enumeration
{
#pragma warning disable IDE1006 // Nuke's names
    public static readonly DotNetSymbolPackageFormat symbols_nupkg = new() { Value = "symbols.nupkg" };
    public static readonly DotNetSymbolPackageFormat snupkg = new() { Value = "snupkg" };
#pragma warning restore IDE1006
}

/// <summary>MSBuild property helpers every dotnet settings class has in Nuke (SetProperty, SetAssemblyVersion, ...).</summary>
public static class DotNetPropertiesExtensions
{
    public static T SetProperty<T>(this T s, string name, object? value) where T : DotNetToolSettings =>
        s.Modify(x =>
        {
            var index = x.Properties.FindIndex(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));
            var entry = new KeyValuePair<string, object?>(name, value);
            x.Properties = index < 0 ? x.Properties.Add(entry) : x.Properties.SetItem(index, entry);
        });

    public static T SetProperties<T>(this T s, IEnumerable<KeyValuePair<string, object?>> properties) where T : DotNetToolSettings =>
        s.Modify(x => x.Properties = [.. properties]);

    public static T AddProperty<T>(this T s, string name, object? value) where T : DotNetToolSettings => s.SetProperty(name, value);

    public static T RemoveProperty<T>(this T s, string name) where T : DotNetToolSettings =>
        s.Modify(x => x.Properties = x.Properties.RemoveAll(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)));

    public static T ClearProperties<T>(this T s) where T : DotNetToolSettings => s.Modify(x => x.Properties = []);

    public static T ResetProperties<T>(this T s) where T : DotNetToolSettings => s.ClearProperties();

    public static T SetVersion<T>(this T s, string? v) where T : DotNetToolSettings => s.SetProperty("Version", v);
    public static T SetVersionPrefix<T>(this T s, string? v) where T : DotNetToolSettings => s.SetProperty("VersionPrefix", v);
    public static T SetPackageVersion<T>(this T s, string? v) where T : DotNetToolSettings => s.SetProperty("PackageVersion", v);
    public static T SetAssemblyVersion<T>(this T s, string? v) where T : DotNetToolSettings => s.SetProperty("AssemblyVersion", v);
    public static T SetFileVersion<T>(this T s, string? v) where T : DotNetToolSettings => s.SetProperty("FileVersion", v);
    public static T SetInformationalVersion<T>(this T s, string? v) where T : DotNetToolSettings => s.SetProperty("InformationalVersion", v);
    public static T SetPackageReleaseNotes<T>(this T s, string? v) where T : DotNetToolSettings => s.SetProperty("PackageReleaseNotes", v);
    public static T SetPackageId<T>(this T s, string? v) where T : DotNetToolSettings => s.SetProperty("PackageId", v);
    public static T SetAuthors<T>(this T s, params string[] v) where T : DotNetToolSettings => s.SetProperty("Authors", string.Join(',', v));
    public static T SetCopyright<T>(this T s, string? v) where T : DotNetToolSettings => s.SetProperty("Copyright", v);
    public static T SetRepositoryUrl<T>(this T s, string? v) where T : DotNetToolSettings => s.SetProperty("RepositoryUrl", v);
    public static T SetPackageProjectUrl<T>(this T s, string? v) where T : DotNetToolSettings => s.SetProperty("PackageProjectUrl", v);
    public static T SetSymbolPackageFormat<T>(this T s, DotNetSymbolPackageFormat? v) where T : DotNetToolSettings => s.SetProperty("SymbolPackageFormat", v);
    public static T SetContinuousIntegrationBuild<T>(this T s, bool? v) where T : DotNetToolSettings => s.SetProperty("ContinuousIntegrationBuild", v);
    public static T EnableContinuousIntegrationBuild<T>(this T s) where T : DotNetToolSettings => s.SetProperty("ContinuousIntegrationBuild", true);
    public static T DisableContinuousIntegrationBuild<T>(this T s) where T : DotNetToolSettings => s.SetProperty("ContinuousIntegrationBuild", false);
    public static T SetDeterministic<T>(this T s, bool? v) where T : DotNetToolSettings => s.SetProperty("Deterministic", v);
    public static T EnableDeterministic<T>(this T s) where T : DotNetToolSettings => s.SetProperty("Deterministic", true);
    public static T SetTreatWarningsAsErrors<T>(this T s, bool? v) where T : DotNetToolSettings => s.SetProperty("TreatWarningsAsErrors", v);
    public static T EnableTreatWarningsAsErrors<T>(this T s) where T : DotNetToolSettings => s.SetProperty("TreatWarningsAsErrors", true);
    public static T SetWarningLevel<T>(this T s, int? v) where T : DotNetToolSettings => s.SetProperty("WarningLevel", v);
    public static T SetNoWarns<T>(this T s, params int[] v) where T : DotNetToolSettings => s.SetProperty("NoWarn", string.Join(';', v));
    public static T SetPublishSingleFile<T>(this T s, bool? v) where T : DotNetToolSettings => s.SetProperty("PublishSingleFile", v);
    public static T EnablePublishSingleFile<T>(this T s) where T : DotNetToolSettings => s.SetProperty("PublishSingleFile", true);
    public static T SetPublishTrimmed<T>(this T s, bool? v) where T : DotNetToolSettings => s.SetProperty("PublishTrimmed", v);
    public static T EnablePublishTrimmed<T>(this T s) where T : DotNetToolSettings => s.SetProperty("PublishTrimmed", true);
    public static T SetPublishReadyToRun<T>(this T s, bool? v) where T : DotNetToolSettings => s.SetProperty("PublishReadyToRun", v);
}
