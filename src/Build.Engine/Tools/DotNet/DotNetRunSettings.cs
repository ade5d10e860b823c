using System.Collections.Immutable;
using Nuke.Common.Tooling;

namespace Nuke.Common.Tools.DotNet;

/// <summary>Settings of <c>dotnet run</c>, with Nuke's names; see <see cref="DotNetTasks.DotNetRun(Configure{DotNetRunSettings})"/>.</summary>
public class DotNetRunSettings : DotNetToolSettings
{
    public string? Architecture { get; internal set; }
    public string? Configuration { get; internal set; }
    public string? Framework { get; internal set; }
    public string? LaunchProfile { get; internal set; }
    public bool? NoBuild { get; internal set; }
    public bool? NoLaunchProfile { get; internal set; }
    public bool? NoRestore { get; internal set; }
    public string? ProjectFile { get; internal set; }
    public string? Runtime { get; internal set; }
    public DotNetVerbosity? Verbosity { get; internal set; }
    public ImmutableList<string> ApplicationArguments { get; internal set; } = ImmutableList<string>.Empty;

    protected override void Configure(Arguments arguments)
    {
        arguments.Add("run");
        arguments.Add("--arch {value}", Architecture);
        arguments.Add("--configuration {value}", Configuration);
        arguments.Add("--framework {value}", Framework);
        arguments.Add("--launch-profile {value}", LaunchProfile);
        arguments.Add("--no-build", NoBuild);
        arguments.Add("--no-launch-profile", NoLaunchProfile);
        arguments.Add("--no-restore", NoRestore);
        arguments.Add("--project {value}", ProjectFile);
        arguments.Add("--runtime {value}", Runtime);
        arguments.Add("--verbosity {value}", Verbosity);
        arguments.AddProperties("/property:", Properties);
        if (ApplicationArguments.Count > 0) { arguments.Add("--"); foreach (var a in ApplicationArguments) arguments.Add(a); }
    }
}

public static class DotNetRunSettingsExtensions
{
    public static T SetArchitecture<T>(this T s, string? v) where T : DotNetRunSettings => s.Modify(x => x.Architecture = v);
    public static T ResetArchitecture<T>(this T s) where T : DotNetRunSettings => s.Modify(x => x.Architecture = null);
    public static T SetConfiguration<T>(this T s, string? v) where T : DotNetRunSettings => s.Modify(x => x.Configuration = v);
    public static T ResetConfiguration<T>(this T s) where T : DotNetRunSettings => s.Modify(x => x.Configuration = null);
    public static T SetFramework<T>(this T s, string? v) where T : DotNetRunSettings => s.Modify(x => x.Framework = v);
    public static T ResetFramework<T>(this T s) where T : DotNetRunSettings => s.Modify(x => x.Framework = null);
    public static T SetLaunchProfile<T>(this T s, string? v) where T : DotNetRunSettings => s.Modify(x => x.LaunchProfile = v);
    public static T ResetLaunchProfile<T>(this T s) where T : DotNetRunSettings => s.Modify(x => x.LaunchProfile = null);
    public static T SetNoBuild<T>(this T s, bool? v) where T : DotNetRunSettings => s.Modify(x => x.NoBuild = v);
    public static T ResetNoBuild<T>(this T s) where T : DotNetRunSettings => s.Modify(x => x.NoBuild = null);
    public static T EnableNoBuild<T>(this T s) where T : DotNetRunSettings => s.Modify(x => x.NoBuild = true);
    public static T DisableNoBuild<T>(this T s) where T : DotNetRunSettings => s.Modify(x => x.NoBuild = false);
    public static T ToggleNoBuild<T>(this T s) where T : DotNetRunSettings => s.Modify(x => x.NoBuild = !x.NoBuild);
    public static T SetNoLaunchProfile<T>(this T s, bool? v) where T : DotNetRunSettings => s.Modify(x => x.NoLaunchProfile = v);
    public static T ResetNoLaunchProfile<T>(this T s) where T : DotNetRunSettings => s.Modify(x => x.NoLaunchProfile = null);
    public static T EnableNoLaunchProfile<T>(this T s) where T : DotNetRunSettings => s.Modify(x => x.NoLaunchProfile = true);
    public static T DisableNoLaunchProfile<T>(this T s) where T : DotNetRunSettings => s.Modify(x => x.NoLaunchProfile = false);
    public static T ToggleNoLaunchProfile<T>(this T s) where T : DotNetRunSettings => s.Modify(x => x.NoLaunchProfile = !x.NoLaunchProfile);
    public static T SetNoRestore<T>(this T s, bool? v) where T : DotNetRunSettings => s.Modify(x => x.NoRestore = v);
    public static T ResetNoRestore<T>(this T s) where T : DotNetRunSettings => s.Modify(x => x.NoRestore = null);
    public static T EnableNoRestore<T>(this T s) where T : DotNetRunSettings => s.Modify(x => x.NoRestore = true);
    public static T DisableNoRestore<T>(this T s) where T : DotNetRunSettings => s.Modify(x => x.NoRestore = false);
    public static T ToggleNoRestore<T>(this T s) where T : DotNetRunSettings => s.Modify(x => x.NoRestore = !x.NoRestore);
    public static T SetProjectFile<T>(this T s, string? v) where T : DotNetRunSettings => s.Modify(x => x.ProjectFile = v);
    public static T ResetProjectFile<T>(this T s) where T : DotNetRunSettings => s.Modify(x => x.ProjectFile = null);
    public static T SetRuntime<T>(this T s, string? v) where T : DotNetRunSettings => s.Modify(x => x.Runtime = v);
    public static T ResetRuntime<T>(this T s) where T : DotNetRunSettings => s.Modify(x => x.Runtime = null);
    public static T SetVerbosity<T>(this T s, DotNetVerbosity? v) where T : DotNetRunSettings => s.Modify(x => x.Verbosity = v);
    public static T ResetVerbosity<T>(this T s) where T : DotNetRunSettings => s.Modify(x => x.Verbosity = null);
    public static T SetApplicationArguments<T>(this T s, params string[] v) where T : DotNetRunSettings => s.Modify(x => x.ApplicationArguments = [.. v]);
    public static T SetApplicationArguments<T>(this T s, IEnumerable<string> v) where T : DotNetRunSettings => s.Modify(x => x.ApplicationArguments = [.. v]);
    public static T AddApplicationArguments<T>(this T s, params string[] v) where T : DotNetRunSettings => s.Modify(x => x.ApplicationArguments = x.ApplicationArguments.AddRange(v));
    public static T AddApplicationArguments<T>(this T s, IEnumerable<string> v) where T : DotNetRunSettings => s.Modify(x => x.ApplicationArguments = x.ApplicationArguments.AddRange(v));
    public static T RemoveApplicationArguments<T>(this T s, params string[] v) where T : DotNetRunSettings => s.Modify(x => x.ApplicationArguments = x.ApplicationArguments.RemoveRange(v));
    public static T ClearApplicationArguments<T>(this T s) where T : DotNetRunSettings => s.Modify(x => x.ApplicationArguments = ImmutableList<string>.Empty);
}
