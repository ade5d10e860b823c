using System.Collections.Immutable;
using Nuke.Common.Tooling;

namespace Nuke.Common.Tools.DotNet;

/// <summary>Settings of <c>dotnet pack</c>, with Nuke's names; see <see cref="DotNetTasks.DotNetPack(Configure{DotNetPackSettings})"/>.</summary>
public class DotNetPackSettings : DotNetToolSettings
{
    public string? Project { get; internal set; }
    public string? Configuration { get; internal set; }
    public bool? IncludeSource { get; internal set; }
    public bool? IncludeSymbols { get; internal set; }
    public bool? NoBuild { get; internal set; }
    public bool? NoRestore { get; internal set; }
    public string? OutputDirectory { get; internal set; }
    public bool? Serviceable { get; internal set; }
    public DotNetVerbosity? Verbosity { get; internal set; }
    public string? VersionSuffix { get; internal set; }
    public bool? NoLogo { get; internal set; }

    protected override void Configure(Arguments arguments)
    {
        arguments.Add("pack");
        arguments.Add("{value}", Project);
        arguments.Add("--configuration {value}", Configuration);
        arguments.Add("--include-source", IncludeSource);
        arguments.Add("--include-symbols", IncludeSymbols);
        arguments.Add("--no-build", NoBuild);
        arguments.Add("--no-restore", NoRestore);
        arguments.Add("--output {value}", OutputDirectory);
        arguments.Add("--serviceable", Serviceable);
        arguments.Add("--verbosity {value}", Verbosity);
        arguments.Add("--version-suffix {value}", VersionSuffix);
        arguments.Add("--nologo", NoLogo);
        arguments.AddProperties("/property:", Properties);
    }
}

public static class DotNetPackSettingsExtensions
{
    public static T SetProject<T>(this T s, string? v) where T : DotNetPackSettings => s.Modify(x => x.Project = v);
    public static T ResetProject<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.Project = null);
    public static T SetConfiguration<T>(this T s, string? v) where T : DotNetPackSettings => s.Modify(x => x.Configuration = v);
    public static T ResetConfiguration<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.Configuration = null);
    public static T SetIncludeSource<T>(this T s, bool? v) where T : DotNetPackSettings => s.Modify(x => x.IncludeSource = v);
    public static T ResetIncludeSource<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.IncludeSource = null);
    public static T EnableIncludeSource<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.IncludeSource = true);
    public static T DisableIncludeSource<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.IncludeSource = false);
    public static T ToggleIncludeSource<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.IncludeSource = !x.IncludeSource);
    public static T SetIncludeSymbols<T>(this T s, bool? v) where T : DotNetPackSettings => s.Modify(x => x.IncludeSymbols = v);
    public static T ResetIncludeSymbols<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.IncludeSymbols = null);
    public static T EnableIncludeSymbols<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.IncludeSymbols = true);
    public static T DisableIncludeSymbols<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.IncludeSymbols = false);
    public static T ToggleIncludeSymbols<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.IncludeSymbols = !x.IncludeSymbols);
    public static T SetNoBuild<T>(this T s, bool? v) where T : DotNetPackSettings => s.Modify(x => x.NoBuild = v);
    public static T ResetNoBuild<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.NoBuild = null);
    public static T EnableNoBuild<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.NoBuild = true);
    public static T DisableNoBuild<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.NoBuild = false);
    public static T ToggleNoBuild<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.NoBuild = !x.NoBuild);
    public static T SetNoRestore<T>(this T s, bool? v) where T : DotNetPackSettings => s.Modify(x => x.NoRestore = v);
    public static T ResetNoRestore<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.NoRestore = null);
    public static T EnableNoRestore<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.NoRestore = true);
    public static T DisableNoRestore<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.NoRestore = false);
    public static T ToggleNoRestore<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.NoRestore = !x.NoRestore);
    public static T SetOutputDirectory<T>(this T s, string? v) where T : DotNetPackSettings => s.Modify(x => x.OutputDirectory = v);
    public static T ResetOutputDirectory<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.OutputDirectory = null);
    public static T SetServiceable<T>(this T s, bool? v) where T : DotNetPackSettings => s.Modify(x => x.Serviceable = v);
    public static T ResetServiceable<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.Serviceable = null);
    public static T EnableServiceable<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.Serviceable = true);
    public static T DisableServiceable<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.Serviceable = false);
    public static T ToggleServiceable<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.Serviceable = !x.Serviceable);
    public static T SetVerbosity<T>(this T s, DotNetVerbosity? v) where T : DotNetPackSettings => s.Modify(x => x.Verbosity = v);
    public static T ResetVerbosity<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.Verbosity = null);
    public static T SetVersionSuffix<T>(this T s, string? v) where T : DotNetPackSettings => s.Modify(x => x.VersionSuffix = v);
    public static T ResetVersionSuffix<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.VersionSuffix = null);
    public static T SetNoLogo<T>(this T s, bool? v) where T : DotNetPackSettings => s.Modify(x => x.NoLogo = v);
    public static T ResetNoLogo<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.NoLogo = null);
    public static T EnableNoLogo<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.NoLogo = true);
    public static T DisableNoLogo<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.NoLogo = false);
    public static T ToggleNoLogo<T>(this T s) where T : DotNetPackSettings => s.Modify(x => x.NoLogo = !x.NoLogo);
}
