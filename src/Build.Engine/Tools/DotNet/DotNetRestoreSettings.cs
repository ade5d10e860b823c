using System.Collections.Immutable;
using Nuke.Common.Tooling;

namespace Nuke.Common.Tools.DotNet;

/// <summary>Settings of <c>dotnet restore</c>, with Nuke's names; see <see cref="DotNetTasks.DotNetRestore(Configure{DotNetRestoreSettings})"/>.</summary>
public class DotNetRestoreSettings : DotNetToolSettings
{
    public string? ProjectFile { get; internal set; }
    public ImmutableList<string> Sources { get; internal set; } = ImmutableList<string>.Empty;
    public string? ConfigFile { get; internal set; }
    public string? Runtime { get; internal set; }
    public string? PackageDirectory { get; internal set; }
    public bool? DisableParallel { get; internal set; }
    public bool? NoCache { get; internal set; }
    public bool? IgnoreFailedSources { get; internal set; }
    public bool? NoDependencies { get; internal set; }
    public bool? Force { get; internal set; }
    public bool? UseLockFile { get; internal set; }
    public bool? LockedMode { get; internal set; }
    public string? LockFilePath { get; internal set; }
    public bool? ForceEvaluate { get; internal set; }
    public DotNetVerbosity? Verbosity { get; internal set; }

    protected override void Configure(Arguments arguments)
    {
        arguments.Add("restore");
        arguments.Add("{value}", ProjectFile);
        arguments.Add("--source {value}", Sources);
        arguments.Add("--configfile {value}", ConfigFile);
        arguments.Add("--runtime {value}", Runtime);
        arguments.Add("--packages {value}", PackageDirectory);
        arguments.Add("--disable-parallel", DisableParallel);
        arguments.Add("--no-cache", NoCache);
        arguments.Add("--ignore-failed-sources", IgnoreFailedSources);
        arguments.Add("--no-dependencies", NoDependencies);
        arguments.Add("--force", Force);
        arguments.Add("--use-lock-file", UseLockFile);
        arguments.Add("--locked-mode", LockedMode);
        arguments.Add("--lock-file-path {value}", LockFilePath);
        arguments.Add("--force-evaluate", ForceEvaluate);
        arguments.Add("--verbosity {value}", Verbosity);
        arguments.AddProperties("/property:", Properties);
    }
}

public static class DotNetRestoreSettingsExtensions
{
    public static T SetProjectFile<T>(this T s, string? v) where T : DotNetRestoreSettings => s.Modify(x => x.ProjectFile = v);
    public static T ResetProjectFile<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.ProjectFile = null);
    public static T SetSources<T>(this T s, params string[] v) where T : DotNetRestoreSettings => s.Modify(x => x.Sources = [.. v]);
    public static T SetSources<T>(this T s, IEnumerable<string> v) where T : DotNetRestoreSettings => s.Modify(x => x.Sources = [.. v]);
    public static T AddSources<T>(this T s, params string[] v) where T : DotNetRestoreSettings => s.Modify(x => x.Sources = x.Sources.AddRange(v));
    public static T AddSources<T>(this T s, IEnumerable<string> v) where T : DotNetRestoreSettings => s.Modify(x => x.Sources = x.Sources.AddRange(v));
    public static T RemoveSources<T>(this T s, params string[] v) where T : DotNetRestoreSettings => s.Modify(x => x.Sources = x.Sources.RemoveRange(v));
    public static T ClearSources<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.Sources = ImmutableList<string>.Empty);
    public static T SetConfigFile<T>(this T s, string? v) where T : DotNetRestoreSettings => s.Modify(x => x.ConfigFile = v);
    public static T ResetConfigFile<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.ConfigFile = null);
    public static T SetRuntime<T>(this T s, string? v) where T : DotNetRestoreSettings => s.Modify(x => x.Runtime = v);
    public static T ResetRuntime<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.Runtime = null);
    public static T SetPackageDirectory<T>(this T s, string? v) where T : DotNetRestoreSettings => s.Modify(x => x.PackageDirectory = v);
    public static T ResetPackageDirectory<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.PackageDirectory = null);
    public static T SetDisableParallel<T>(this T s, bool? v) where T : DotNetRestoreSettings => s.Modify(x => x.DisableParallel = v);
    public static T ResetDisableParallel<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.DisableParallel = null);
    public static T EnableDisableParallel<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.DisableParallel = true);
    public static T DisableDisableParallel<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.DisableParallel = false);
    public static T ToggleDisableParallel<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.DisableParallel = !x.DisableParallel);
    public static T SetNoCache<T>(this T s, bool? v) where T : DotNetRestoreSettings => s.Modify(x => x.NoCache = v);
    public static T ResetNoCache<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.NoCache = null);
    public static T EnableNoCache<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.NoCache = true);
    public static T DisableNoCache<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.NoCache = false);
    public static T ToggleNoCache<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.NoCache = !x.NoCache);
    public static T SetIgnoreFailedSources<T>(this T s, bool? v) where T : DotNetRestoreSettings => s.Modify(x => x.IgnoreFailedSources = v);
    public static T ResetIgnoreFailedSources<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.IgnoreFailedSources = null);
    public static T EnableIgnoreFailedSources<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.IgnoreFailedSources = true);
    public static T DisableIgnoreFailedSources<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.IgnoreFailedSources = false);
    public static T ToggleIgnoreFailedSources<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.IgnoreFailedSources = !x.IgnoreFailedSources);
    public static T SetNoDependencies<T>(this T s, bool? v) where T : DotNetRestoreSettings => s.Modify(x => x.NoDependencies = v);
    public static T ResetNoDependencies<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.NoDependencies = null);
    public static T EnableNoDependencies<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.NoDependencies = true);
    public static T DisableNoDependencies<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.NoDependencies = false);
    public static T ToggleNoDependencies<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.NoDependencies = !x.NoDependencies);
    public static T SetForce<T>(this T s, bool? v) where T : DotNetRestoreSettings => s.Modify(x => x.Force = v);
    public static T ResetForce<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.Force = null);
    public static T EnableForce<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.Force = true);
    public static T DisableForce<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.Force = false);
    public static T ToggleForce<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.Force = !x.Force);
    public static T SetUseLockFile<T>(this T s, bool? v) where T : DotNetRestoreSettings => s.Modify(x => x.UseLockFile = v);
    public static T ResetUseLockFile<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.UseLockFile = null);
    public static T EnableUseLockFile<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.UseLockFile = true);
    public static T DisableUseLockFile<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.UseLockFile = false);
    public static T ToggleUseLockFile<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.UseLockFile = !x.UseLockFile);
    public static T SetLockedMode<T>(this T s, bool? v) where T : DotNetRestoreSettings => s.Modify(x => x.LockedMode = v);
    public static T ResetLockedMode<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.LockedMode = null);
    public static T EnableLockedMode<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.LockedMode = true);
    public static T DisableLockedMode<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.LockedMode = false);
    public static T ToggleLockedMode<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.LockedMode = !x.LockedMode);
    public static T SetLockFilePath<T>(this T s, string? v) where T : DotNetRestoreSettings => s.Modify(x => x.LockFilePath = v);
    public static T ResetLockFilePath<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.LockFilePath = null);
    public static T SetForceEvaluate<T>(this T s, bool? v) where T : DotNetRestoreSettings => s.Modify(x => x.ForceEvaluate = v);
    public static T ResetForceEvaluate<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.ForceEvaluate = null);
    public static T EnableForceEvaluate<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.ForceEvaluate = true);
    public static T DisableForceEvaluate<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.ForceEvaluate = false);
    public static T ToggleForceEvaluate<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.ForceEvaluate = !x.ForceEvaluate);
    public static T SetVerbosity<T>(this T s, DotNetVerbosity? v) where T : DotNetRestoreSettings => s.Modify(x => x.Verbosity = v);
    public static T ResetVerbosity<T>(this T s) where T : DotNetRestoreSettings => s.Modify(x => x.Verbosity = null);
}
