using System.Collections.Immutable;
using Nuke.Common.Tooling;

namespace Nuke.Common.Tools.DotNet;

/// <summary>Settings of <c>dotnet test</c>, with Nuke's names; see <see cref="DotNetTasks.DotNetTest(Configure{DotNetTestSettings})"/>.</summary>
public class DotNetTestSettings : DotNetToolSettings
{
    public string? ProjectFile { get; internal set; }
    public string? TestAdapterPath { get; internal set; }
    public string? Configuration { get; internal set; }
    public string? DataCollector { get; internal set; }
    public string? DiagnosticsFile { get; internal set; }
    public string? Framework { get; internal set; }
    public string? Filter { get; internal set; }
    public ImmutableList<string> Loggers { get; internal set; } = ImmutableList<string>.Empty;
    public bool? NoBuild { get; internal set; }
    public bool? NoRestore { get; internal set; }
    public string? Output { get; internal set; }
    public string? ResultsDirectory { get; internal set; }
    public string? SettingsFile { get; internal set; }
    public bool? ListTests { get; internal set; }
    public DotNetVerbosity? Verbosity { get; internal set; }
    public bool? BlameMode { get; internal set; }
    public bool? BlameCrash { get; internal set; }
    public string? BlameCrashDumpType { get; internal set; }
    public bool? BlameCrashCollectAlways { get; internal set; }
    public bool? BlameHang { get; internal set; }
    public string? BlameHangDumpType { get; internal set; }
    public string? BlameHangTimeout { get; internal set; }
    public bool? NoLogo { get; internal set; }

    protected override void Configure(Arguments arguments)
    {
        arguments.Add("test");
        arguments.Add("{value}", ProjectFile);
        arguments.Add("--test-adapter-path {value}", TestAdapterPath);
        arguments.Add("--configuration {value}", Configuration);
        arguments.Add("--collect {value}", DataCollector);
        arguments.Add("--diag {value}", DiagnosticsFile);
        arguments.Add("--framework {value}", Framework);
        arguments.Add("--filter {value}", Filter);
        arguments.Add("--logger {value}", Loggers);
        arguments.Add("--no-build", NoBuild);
        arguments.Add("--no-restore", NoRestore);
        arguments.Add("--output {value}", Output);
        arguments.Add("--results-directory {value}", ResultsDirectory);
        arguments.Add("--settings {value}", SettingsFile);
        arguments.Add("--list-tests", ListTests);
        arguments.Add("--verbosity {value}", Verbosity);
        arguments.Add("--blame", BlameMode);
        arguments.Add("--blame-crash", BlameCrash);
        arguments.Add("--blame-crash-dump-type {value}", BlameCrashDumpType);
        arguments.Add("--blame-crash-collect-always", BlameCrashCollectAlways);
        arguments.Add("--blame-hang", BlameHang);
        arguments.Add("--blame-hang-dump-type {value}", BlameHangDumpType);
        arguments.Add("--blame-hang-timeout {value}", BlameHangTimeout);
        arguments.Add("--nologo", NoLogo);
        arguments.AddProperties("/property:", Properties);
    }
}

public static class DotNetTestSettingsExtensions
{
    public static T SetProjectFile<T>(this T s, string? v) where T : DotNetTestSettings => s.Modify(x => x.ProjectFile = v);
    public static T ResetProjectFile<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.ProjectFile = null);
    public static T SetTestAdapterPath<T>(this T s, string? v) where T : DotNetTestSettings => s.Modify(x => x.TestAdapterPath = v);
    public static T ResetTestAdapterPath<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.TestAdapterPath = null);
    public static T SetConfiguration<T>(this T s, string? v) where T : DotNetTestSettings => s.Modify(x => x.Configuration = v);
    public static T ResetConfiguration<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.Configuration = null);
    public static T SetDataCollector<T>(this T s, string? v) where T : DotNetTestSettings => s.Modify(x => x.DataCollector = v);
    public static T ResetDataCollector<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.DataCollector = null);
    public static T SetDiagnosticsFile<T>(this T s, string? v) where T : DotNetTestSettings => s.Modify(x => x.DiagnosticsFile = v);
    public static T ResetDiagnosticsFile<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.DiagnosticsFile = null);
    public static T SetFramework<T>(this T s, string? v) where T : DotNetTestSettings => s.Modify(x => x.Framework = v);
    public static T ResetFramework<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.Framework = null);
    public static T SetFilter<T>(this T s, string? v) where T : DotNetTestSettings => s.Modify(x => x.Filter = v);
    public static T ResetFilter<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.Filter = null);
    public static T SetLoggers<T>(this T s, params string[] v) where T : DotNetTestSettings => s.Modify(x => x.Loggers = [.. v]);
    public static T SetLoggers<T>(this T s, IEnumerable<string> v) where T : DotNetTestSettings => s.Modify(x => x.Loggers = [.. v]);
    public static T AddLoggers<T>(this T s, params string[] v) where T : DotNetTestSettings => s.Modify(x => x.Loggers = x.Loggers.AddRange(v));
    public static T AddLoggers<T>(this T s, IEnumerable<string> v) where T : DotNetTestSettings => s.Modify(x => x.Loggers = x.Loggers.AddRange(v));
    public static T RemoveLoggers<T>(this T s, params string[] v) where T : DotNetTestSettings => s.Modify(x => x.Loggers = x.Loggers.RemoveRange(v));
    public static T ClearLoggers<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.Loggers = ImmutableList<string>.Empty);
    public static T SetNoBuild<T>(this T s, bool? v) where T : DotNetTestSettings => s.Modify(x => x.NoBuild = v);
    public static T ResetNoBuild<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.NoBuild = null);
    public static T EnableNoBuild<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.NoBuild = true);
    public static T DisableNoBuild<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.NoBuild = false);
    public static T ToggleNoBuild<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.NoBuild = !x.NoBuild);
    public static T SetNoRestore<T>(this T s, bool? v) where T : DotNetTestSettings => s.Modify(x => x.NoRestore = v);
    public static T ResetNoRestore<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.NoRestore = null);
    public static T EnableNoRestore<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.NoRestore = true);
    public static T DisableNoRestore<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.NoRestore = false);
    public static T ToggleNoRestore<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.NoRestore = !x.NoRestore);
    public static T SetOutput<T>(this T s, string? v) where T : DotNetTestSettings => s.Modify(x => x.Output = v);
    public static T ResetOutput<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.Output = null);
    public static T SetResultsDirectory<T>(this T s, string? v) where T : DotNetTestSettings => s.Modify(x => x.ResultsDirectory = v);
    public static T ResetResultsDirectory<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.ResultsDirectory = null);
    public static T SetSettingsFile<T>(this T s, string? v) where T : DotNetTestSettings => s.Modify(x => x.SettingsFile = v);
    public static T ResetSettingsFile<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.SettingsFile = null);
    public static T SetListTests<T>(this T s, bool? v) where T : DotNetTestSettings => s.Modify(x => x.ListTests = v);
    public static T ResetListTests<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.ListTests = null);
    public static T EnableListTests<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.ListTests = true);
    public static T DisableListTests<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.ListTests = false);
    public static T ToggleListTests<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.ListTests = !x.ListTests);
    public static T SetVerbosity<T>(this T s, DotNetVerbosity? v) where T : DotNetTestSettings => s.Modify(x => x.Verbosity = v);
    public static T ResetVerbosity<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.Verbosity = null);
    public static T SetBlameMode<T>(this T s, bool? v) where T : DotNetTestSettings => s.Modify(x => x.BlameMode = v);
    public static T ResetBlameMode<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.BlameMode = null);
    public static T EnableBlameMode<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.BlameMode = true);
    public static T DisableBlameMode<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.BlameMode = false);
    public static T ToggleBlameMode<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.BlameMode = !x.BlameMode);
    public static T SetBlameCrash<T>(this T s, bool? v) where T : DotNetTestSettings => s.Modify(x => x.BlameCrash = v);
    public static T ResetBlameCrash<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.BlameCrash = null);
    public static T EnableBlameCrash<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.BlameCrash = true);
    public static T DisableBlameCrash<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.BlameCrash = false);
    public static T ToggleBlameCrash<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.BlameCrash = !x.BlameCrash);
    public static T SetBlameCrashDumpType<T>(this T s, string? v) where T : DotNetTestSettings => s.Modify(x => x.BlameCrashDumpType = v);
    public static T ResetBlameCrashDumpType<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.BlameCrashDumpType = null);
    public static T SetBlameCrashCollectAlways<T>(this T s, bool? v) where T : DotNetTestSettings => s.Modify(x => x.BlameCrashCollectAlways = v);
    public static T ResetBlameCrashCollectAlways<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.BlameCrashCollectAlways = null);
    public static T EnableBlameCrashCollectAlways<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.BlameCrashCollectAlways = true);
    public static T DisableBlameCrashCollectAlways<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.BlameCrashCollectAlways = false);
    public static T ToggleBlameCrashCollectAlways<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.BlameCrashCollectAlways = !x.BlameCrashCollectAlways);
    public static T SetBlameHang<T>(this T s, bool? v) where T : DotNetTestSettings => s.Modify(x => x.BlameHang = v);
    public static T ResetBlameHang<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.BlameHang = null);
    public static T EnableBlameHang<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.BlameHang = true);
    public static T DisableBlameHang<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.BlameHang = false);
    public static T ToggleBlameHang<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.BlameHang = !x.BlameHang);
    public static T SetBlameHangDumpType<T>(this T s, string? v) where T : DotNetTestSettings => s.Modify(x => x.BlameHangDumpType = v);
    public static T ResetBlameHangDumpType<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.BlameHangDumpType = null);
    public static T SetBlameHangTimeout<T>(this T s, string? v) where T : DotNetTestSettings => s.Modify(x => x.BlameHangTimeout = v);
    public static T ResetBlameHangTimeout<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.BlameHangTimeout = null);
    public static T SetNoLogo<T>(this T s, bool? v) where T : DotNetTestSettings => s.Modify(x => x.NoLogo = v);
    public static T ResetNoLogo<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.NoLogo = null);
    public static T EnableNoLogo<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.NoLogo = true);
    public static T DisableNoLogo<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.NoLogo = false);
    public static T ToggleNoLogo<T>(this T s) where T : DotNetTestSettings => s.Modify(x => x.NoLogo = !x.NoLogo);
}
