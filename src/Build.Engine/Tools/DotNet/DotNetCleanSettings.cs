using System.Collections.Immutable;
using Nuke.Common.Tooling;

namespace Nuke.Common.Tools.DotNet;

/// <summary>Settings of <c>dotnet clean</c>, with Nuke's names; see <see cref="DotNetTasks.DotNetClean(Configure{DotNetCleanSettings})"/>.</summary>
public class DotNetCleanSettings : DotNetToolSettings
{
    public string? Project { get; internal set; }
    public string? Configuration { get; internal set; }
    public string? Framework { get; internal set; }
    public string? Output { get; internal set; }
    public string? Runtime { get; internal set; }
    public DotNetVerbosity? Verbosity { get; internal set; }
    public bool? NoLogo { get; internal set; }

    protected override void Configure(Arguments arguments)
    {
        arguments.Add("clean");
        arguments.Add("{value}", Project);
        arguments.Add("--configuration {value}", Configuration);
        arguments.Add("--framework {value}", Framework);
        arguments.Add("--output {value}", Output);
        arguments.Add("--runtime {value}", Runtime);
        arguments.Add("--verbosity {value}", Verbosity);
        arguments.Add("--nologo", NoLogo);
        arguments.AddProperties("/property:", Properties);
    }
}

public static class DotNetCleanSettingsExtensions
{
    public static T SetProject<T>(this T s, string? v) where T : DotNetCleanSettings => s.Modify(x => x.Project = v);
    public static T ResetProject<T>(this T s) where T : DotNetCleanSettings => s.Modify(x => x.Project = null);
    public static T SetConfiguration<T>(this T s, string? v) where T : DotNetCleanSettings => s.Modify(x => x.Configuration = v);
    public static T ResetConfiguration<T>(this T s) where T : DotNetCleanSettings => s.Modify(x => x.Configuration = null);
    public static T SetFramework<T>(this T s, string? v) where T : DotNetCleanSettings => s.Modify(x => x.Framework = v);
    public static T ResetFramework<T>(this T s) where T : DotNetCleanSettings => s.Modify(x => x.Framework = null);
    public static T SetOutput<T>(this T s, string? v) where T : DotNetCleanSettings => s.Modify(x => x.Output = v);
    public static T ResetOutput<T>(this T s) where T : DotNetCleanSettings => s.Modify(x => x.Output = null);
    public static T SetRuntime<T>(this T s, string? v) where T : DotNetCleanSettings => s.Modify(x => x.Runtime = v);
    public static T ResetRuntime<T>(this T s) where T : DotNetCleanSettings => s.Modify(x => x.Runtime = null);
    public static T SetVerbosity<T>(this T s, DotNetVerbosity? v) where T : DotNetCleanSettings => s.Modify(x => x.Verbosity = v);
    public static T ResetVerbosity<T>(this T s) where T : DotNetCleanSettings => s.Modify(x => x.Verbosity = null);
    public static T SetNoLogo<T>(this T s, bool? v) where T : DotNetCleanSettings => s.Modify(x => x.NoLogo = v);
    public static T ResetNoLogo<T>(this T s) where T : DotNetCleanSettings => s.Modify(x => x.NoLogo = null);
    public static T EnableNoLogo<T>(this T s) where T : DotNetCleanSettings => s.Modify(x => x.NoLogo = true);
    public static T DisableNoLogo<T>(this T s) where T : DotNetCleanSettings => s.Modify(x => x.NoLogo = false);
    public static T ToggleNoLogo<T>(this T s) where T : DotNetCleanSettings => s.Modify(x => x.NoLogo = !x.NoLogo);
}
