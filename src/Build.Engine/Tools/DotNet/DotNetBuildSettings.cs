using System.Collections.Immutable;
using Nuke.Common.Tooling;

namespace Nuke.Common.Tools.DotNet;

/// <summary>Settings of <c>dotnet build</c>, with Nuke's names; see <see cref="DotNetTasks.DotNetBuild(Configure{DotNetBuildSettings})"/>.</summary>
public class DotNetBuildSettings : DotNetToolSettings
{
    public string? ProjectFile { get; internal set; }
    public string? Configuration { get; internal set; }
    public string? Framework { get; internal set; }
    public bool? NoIncremental { get; internal set; }
    public bool? NoRestore { get; internal set; }
    public bool? NoDependencies { get; internal set; }
    public string? OutputDirectory { get; internal set; }
    public bool? SelfContained { get; internal set; }
    public string? Runtime { get; internal set; }
    public DotNetVerbosity? Verbosity { get; internal set; }
    public string? VersionSuffix { get; internal set; }
    public ImmutableList<string> Loggers { get; internal set; } = ImmutableList<string>.Empty;
    public bool? NoConsoleLogger { get; internal set; }
    public bool? NoLogo { get; internal set; }
    public string? BinaryLog { get; internal set; }

    protected override void Configure(Arguments arguments)
    {
        arguments.Add("build");
        arguments.Add("{value}", ProjectFile);
        arguments.Add("--configuration {value}", Configuration);
        arguments.Add("--framework {value}", Framework);
        arguments.Add("--no-incremental", NoIncremental);
        arguments.Add("--no-restore", NoRestore);
        arguments.Add("--no-dependencies", NoDependencies);
        arguments.Add("--output {value}", OutputDirectory);
        arguments.Add("--self-contained {value}", (object?)SelfContained);
        arguments.Add("--runtime {value}", Runtime);
        arguments.Add("--verbosity {value}", Verbosity);
        arguments.Add("--version-suffix {value}", VersionSuffix);
        arguments.Add("/logger:{value}", Loggers);
        arguments.Add("/noconsolelogger", NoConsoleLogger);
        arguments.Add("--nologo", NoLogo);
        arguments.Add("-bl:{value}", BinaryLog);
        arguments.AddProperties("/property:", Properties);
    }
}

public static class DotNetBuildSettingsExtensions
{
    public static T SetProjectFile<T>(this T s, string? v) where T : DotNetBuildSettings => s.Modify(x => x.ProjectFile = v);
    public static T ResetProjectFile<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.ProjectFile = null);
    public static T SetConfiguration<T>(this T s, string? v) where T : DotNetBuildSettings => s.Modify(x => x.Configuration = v);
    public static T ResetConfiguration<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.Configuration = null);
    public static T SetFramework<T>(this T s, string? v) where T : DotNetBuildSettings => s.Modify(x => x.Framework = v);
    public static T ResetFramework<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.Framework = null);
    public static T SetNoIncremental<T>(this T s, bool? v) where T : DotNetBuildSettings => s.Modify(x => x.NoIncremental = v);
    public static T ResetNoIncremental<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.NoIncremental = null);
    public static T EnableNoIncremental<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.NoIncremental = true);
    public static T DisableNoIncremental<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.NoIncremental = false);
    public static T ToggleNoIncremental<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.NoIncremental = !x.NoIncremental);
    public static T SetNoRestore<T>(this T s, bool? v) where T : DotNetBuildSettings => s.Modify(x => x.NoRestore = v);
    public static T ResetNoRestore<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.NoRestore = null);
    public static T EnableNoRestore<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.NoRestore = true);
    public static T DisableNoRestore<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.NoRestore = false);
    public static T ToggleNoRestore<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.NoRestore = !x.NoRestore);
    public static T SetNoDependencies<T>(this T s, bool? v) where T : DotNetBuildSettings => s.Modify(x => x.NoDependencies = v);
    public static T ResetNoDependencies<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.NoDependencies = null);
    public static T EnableNoDependencies<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.NoDependencies = true);
    public static T DisableNoDependencies<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.NoDependencies = false);
    public static T ToggleNoDependencies<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.NoDependencies = !x.NoDependencies);
    public static T SetOutputDirectory<T>(this T s, string? v) where T : DotNetBuildSettings => s.Modify(x => x.OutputDirectory = v);
    public static T ResetOutputDirectory<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.OutputDirectory = null);
    public static T SetSelfContained<T>(this T s, bool? v) where T : DotNetBuildSettings => s.Modify(x => x.SelfContained = v);
    public static T ResetSelfContained<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.SelfContained = null);
    public static T EnableSelfContained<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.SelfContained = true);
    public static T DisableSelfContained<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.SelfContained = false);
    public static T ToggleSelfContained<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.SelfContained = !x.SelfContained);
    public static T SetRuntime<T>(this T s, string? v) where T : DotNetBuildSettings => s.Modify(x => x.Runtime = v);
    public static T ResetRuntime<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.Runtime = null);
    public static T SetVerbosity<T>(this T s, DotNetVerbosity? v) where T : DotNetBuildSettings => s.Modify(x => x.Verbosity = v);
    public static T ResetVerbosity<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.Verbosity = null);
    public static T SetVersionSuffix<T>(this T s, string? v) where T : DotNetBuildSettings => s.Modify(x => x.VersionSuffix = v);
    public static T ResetVersionSuffix<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.VersionSuffix = null);
    public static T SetLoggers<T>(this T s, params string[] v) where T : DotNetBuildSettings => s.Modify(x => x.Loggers = [.. v]);
    public static T SetLoggers<T>(this T s, IEnumerable<string> v) where T : DotNetBuildSettings => s.Modify(x => x.Loggers = [.. v]);
    public static T AddLoggers<T>(this T s, params string[] v) where T : DotNetBuildSettings => s.Modify(x => x.Loggers = x.Loggers.AddRange(v));
    public static T AddLoggers<T>(this T s, IEnumerable<string> v) where T : DotNetBuildSettings => s.Modify(x => x.Loggers = x.Loggers.AddRange(v));
    public static T RemoveLoggers<T>(this T s, params string[] v) where T : DotNetBuildSettings => s.Modify(x => x.Loggers = x.Loggers.RemoveRange(v));
    public static T ClearLoggers<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.Loggers = ImmutableList<string>.Empty);
    public static T SetNoConsoleLogger<T>(this T s, bool? v) where T : DotNetBuildSettings => s.Modify(x => x.NoConsoleLogger = v);
    public static T ResetNoConsoleLogger<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.NoConsoleLogger = null);
    public static T EnableNoConsoleLogger<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.NoConsoleLogger = true);
    public static T DisableNoConsoleLogger<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.NoConsoleLogger = false);
    public static T ToggleNoConsoleLogger<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.NoConsoleLogger = !x.NoConsoleLogger);
    public static T SetNoLogo<T>(this T s, bool? v) where T : DotNetBuildSettings => s.Modify(x => x.NoLogo = v);
    public static T ResetNoLogo<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.NoLogo = null);
    public static T EnableNoLogo<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.NoLogo = true);
    public static T DisableNoLogo<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.NoLogo = false);
    public static T ToggleNoLogo<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.NoLogo = !x.NoLogo);
    public static T SetBinaryLog<T>(this T s, string? v) where T : DotNetBuildSettings => s.Modify(x => x.BinaryLog = v);
    public static T ResetBinaryLog<T>(this T s) where T : DotNetBuildSettings => s.Modify(x => x.BinaryLog = null);
}
