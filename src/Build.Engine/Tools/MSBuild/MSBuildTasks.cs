using System.Collections.Immutable;
using Nuke.Common.Tooling;
using Nuke.Common.Tools.DotNet;

namespace Nuke.Common.Tools.MSBuild;

/// <summary>
/// Nuke's MSBuild task, run as <c>dotnet msbuild</c> (the SDK's MSBuild; no Visual Studio installation is looked for):
/// <c>MSBuild(s => s.SetTargetPath(Solution).SetTargets("Restore", "Pack").SetConfiguration(Configuration));</c>
/// </summary>
public static class MSBuildTasks
{
    public static IReadOnlyCollection<Tooling.Output> MSBuild(MSBuildSettings? settings = null) => ToolExecution.Run(settings ?? new());
    public static IReadOnlyCollection<Tooling.Output> MSBuild(Configure<MSBuildSettings> configurator) => MSBuild(configurator(new()));
    public static IReadOnlyCollection<Tooling.Output> MSBuild(CombinatorialConfigure<MSBuildSettings> configurator, int degreeOfParallelism = 1, bool completeOnFailure = false) =>
        ToolExecution.Run(configurator(new()), degreeOfParallelism, completeOnFailure);
}

/// <summary>Settings of <c>dotnet msbuild</c>, with Nuke's MSBuildSettings names. Version helpers (SetAssemblyVersion, ...) are the dotnet ones.</summary>
public class MSBuildSettings : DotNetToolSettings
{
    public string? TargetPath { get; internal set; }
    public ImmutableList<string> Targets { get; internal set; } = ImmutableList<string>.Empty;
    public int? MaxCpuCount { get; internal set; }
    public bool? NodeReuse { get; internal set; }
    public bool? Restore { get; internal set; }
    public MSBuildVerbosity? Verbosity { get; internal set; }
    public ImmutableList<string> Loggers { get; internal set; } = ImmutableList<string>.Empty;
    public bool? NoLogo { get; internal set; }
    public string? BinaryLog { get; internal set; }

    protected override void Configure(Arguments arguments)
    {
        arguments.Add("msbuild");
        arguments.Add("{value}", TargetPath);
        if (Targets.Count > 0) arguments.Add("/target:" + string.Join(';', Targets));
        arguments.Add("/maxcpucount:{value}", MaxCpuCount);
        if (NodeReuse is { } reuse) arguments.Add("/nodeReuse:" + (reuse ? "true" : "false"));
        arguments.Add("/restore", Restore);
        arguments.Add("/verbosity:{value}", Verbosity);
        arguments.Add("/logger:{value}", Loggers);
        arguments.Add("/nologo", NoLogo);
        arguments.Add("-bl:{value}", BinaryLog);
        arguments.AddProperties("/property:", Properties);
    }
}

[System.ComponentModel.TypeConverter(typeof(TypeConverter<MSBuildVerbosity>))]
public sealed class MSBuildVerbosity : Enumeration
{
    public static readonly MSBuildVerbosity Quiet = new() { Value = "quiet" };
    public static readonly MSBuildVerbosity Minimal = new() { Value = "minimal" };
    public static readonly MSBuildVerbosity Normal = new() { Value = "normal" };
    public static readonly MSBuildVerbosity Detailed = new() { Value = "detailed" };
    public static readonly MSBuildVerbosity Diagnostic = new() { Value = "diagnostic" };
}

[System.ComponentModel.TypeConverter(typeof(TypeConverter<MSBuildTargetPlatform>))]
public sealed class MSBuildTargetPlatform : Enumeration
{
    public static readonly MSBuildTargetPlatform MSIL = new() { Value = "MSIL" };
    public static readonly MSBuildTargetPlatform x86 = new() { Value = "x86" };
    public static readonly MSBuildTargetPlatform x64 = new() { Value = "x64" };
    public static readonly MSBuildTargetPlatform arm64 = new() { Value = "arm64" };
    public static readonly MSBuildTargetPlatform AnyCPU = new() { Value = "Any CPU" };
}

public static class MSBuildSettingsExtensions
{
    public static T SetTargetPath<T>(this T s, string? v) where T : MSBuildSettings => s.Modify(x => x.TargetPath = v);
    public static T ResetTargetPath<T>(this T s) where T : MSBuildSettings => s.Modify(x => x.TargetPath = null);
    public static T SetTargets<T>(this T s, params string[] v) where T : MSBuildSettings => s.Modify(x => x.Targets = [.. v]);
    public static T AddTargets<T>(this T s, params string[] v) where T : MSBuildSettings => s.Modify(x => x.Targets = x.Targets.AddRange(v));
    public static T ClearTargets<T>(this T s) where T : MSBuildSettings => s.Modify(x => x.Targets = []);
    public static T SetConfiguration<T>(this T s, string? v) where T : MSBuildSettings => s.SetProperty("Configuration", v);
    public static T SetTargetPlatform<T>(this T s, MSBuildTargetPlatform? v) where T : MSBuildSettings => s.SetProperty("Platform", v);
    public static T SetMaxCpuCount<T>(this T s, int? v) where T : MSBuildSettings => s.Modify(x => x.MaxCpuCount = v);
    public static T SetNodeReuse<T>(this T s, bool? v) where T : MSBuildSettings => s.Modify(x => x.NodeReuse = v);
    public static T EnableNodeReuse<T>(this T s) where T : MSBuildSettings => s.Modify(x => x.NodeReuse = true);
    public static T DisableNodeReuse<T>(this T s) where T : MSBuildSettings => s.Modify(x => x.NodeReuse = false);
    public static T SetRestore<T>(this T s, bool? v) where T : MSBuildSettings => s.Modify(x => x.Restore = v);
    public static T EnableRestore<T>(this T s) where T : MSBuildSettings => s.Modify(x => x.Restore = true);
    public static T DisableRestore<T>(this T s) where T : MSBuildSettings => s.Modify(x => x.Restore = false);
    public static T SetVerbosity<T>(this T s, MSBuildVerbosity? v) where T : MSBuildSettings => s.Modify(x => x.Verbosity = v);
    public static T AddLoggers<T>(this T s, params string[] v) where T : MSBuildSettings => s.Modify(x => x.Loggers = x.Loggers.AddRange(v));
    public static T EnableNoLogo<T>(this T s) where T : MSBuildSettings => s.Modify(x => x.NoLogo = true);
    public static T SetBinaryLog<T>(this T s, string? v) where T : MSBuildSettings => s.Modify(x => x.BinaryLog = v);
    public static T SetPackageOutputPath<T>(this T s, string? v) where T : MSBuildSettings => s.SetProperty("PackageOutputPath", v);
    public static T SetIncludeSymbols<T>(this T s, bool? v) where T : MSBuildSettings => s.SetProperty("IncludeSymbols", v);
    public static T EnableIncludeSymbols<T>(this T s) where T : MSBuildSettings => s.SetProperty("IncludeSymbols", true);
    public static T SetRunCodeAnalysis<T>(this T s, bool? v) where T : MSBuildSettings => s.SetProperty("RunCodeAnalysis", v);
}
