using System.Collections.Immutable;
using Nuke.Common.Tooling;

namespace Nuke.Common.Tools.DotNet;

/// <summary>Settings of <c>dotnet publish</c>, with Nuke's names; see <see cref="DotNetTasks.DotNetPublish(Configure{DotNetPublishSettings})"/>.</summary>
public class DotNetPublishSettings : DotNetToolSettings
{
    public string? Project { get; internal set; }
    public string? Architecture { get; internal set; }
    public string? Configuration { get; internal set; }
    public string? Framework { get; internal set; }
    public string? Manifest { get; internal set; }
    public bool? NoRestore { get; internal set; }
    public bool? NoBuild { get; internal set; }
    public string? Output { get; internal set; }
    public string? OperatingSystem { get; internal set; }
    public bool? SelfContained { get; internal set; }
    public string? Runtime { get; internal set; }
    public DotNetVerbosity? Verbosity { get; internal set; }
    public string? VersionSuffix { get; internal set; }
    public bool? NoLogo { get; internal set; }

    protected override void Configure(Arguments arguments)
    {
        arguments.Add("publish");
        arguments.Add("{value}", Project);
        arguments.Add("--arch {value}", Architecture);
        arguments.Add("--configuration {value}", Configuration);
        arguments.Add("--framework {value}", Framework);
        arguments.Add("--manifest {value}", Manifest);
        arguments.Add("--no-restore", NoRestore);
        arguments.Add("--no-build", NoBuild);
        arguments.Add("--output {value}", Output);
        arguments.Add("--os {value}", OperatingSystem);
        arguments.Add("--self-contained {value}", (object?)SelfContained);
        arguments.Add("--runtime {value}", Runtime);
        arguments.Add("--verbosity {value}", Verbosity);
        arguments.Add("--version-suffix {value}", VersionSuffix);
        arguments.Add("--nologo", NoLogo);
        arguments.AddProperties("/property:", Properties);
    }
}

public static class DotNetPublishSettingsExtensions
{
    public static T SetProject<T>(this T s, string? v) where T : DotNetPublishSettings => s.Modify(x => x.Project = v);
    public static T ResetProject<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.Project = null);
    public static T SetArchitecture<T>(this T s, string? v) where T : DotNetPublishSettings => s.Modify(x => x.Architecture = v);
    public static T ResetArchitecture<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.Architecture = null);
    public static T SetConfiguration<T>(this T s, string? v) where T : DotNetPublishSettings => s.Modify(x => x.Configuration = v);
    public static T ResetConfiguration<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.Configuration = null);
    public static T SetFramework<T>(this T s, string? v) where T : DotNetPublishSettings => s.Modify(x => x.Framework = v);
    public static T ResetFramework<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.Framework = null);
    public static T SetManifest<T>(this T s, string? v) where T : DotNetPublishSettings => s.Modify(x => x.Manifest = v);
    public static T ResetManifest<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.Manifest = null);
    public static T SetNoRestore<T>(this T s, bool? v) where T : DotNetPublishSettings => s.Modify(x => x.NoRestore = v);
    public static T ResetNoRestore<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.NoRestore = null);
    public static T EnableNoRestore<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.NoRestore = true);
    public static T DisableNoRestore<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.NoRestore = false);
    public static T ToggleNoRestore<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.NoRestore = !x.NoRestore);
    public static T SetNoBuild<T>(this T s, bool? v) where T : DotNetPublishSettings => s.Modify(x => x.NoBuild = v);
    public static T ResetNoBuild<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.NoBuild = null);
    public static T EnableNoBuild<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.NoBuild = true);
    public static T DisableNoBuild<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.NoBuild = false);
    public static T ToggleNoBuild<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.NoBuild = !x.NoBuild);
    public static T SetOutput<T>(this T s, string? v) where T : DotNetPublishSettings => s.Modify(x => x.Output = v);
    public static T ResetOutput<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.Output = null);
    public static T SetOperatingSystem<T>(this T s, string? v) where T : DotNetPublishSettings => s.Modify(x => x.OperatingSystem = v);
    public static T ResetOperatingSystem<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.OperatingSystem = null);
    public static T SetSelfContained<T>(this T s, bool? v) where T : DotNetPublishSettings => s.Modify(x => x.SelfContained = v);
    public static T ResetSelfContained<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.SelfContained = null);
    public static T EnableSelfContained<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.SelfContained = true);
    public static T DisableSelfContained<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.SelfContained = false);
    public static T ToggleSelfContained<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.SelfContained = !x.SelfContained);
    public static T SetRuntime<T>(this T s, string? v) where T : DotNetPublishSettings => s.Modify(x => x.Runtime = v);
    public static T ResetRuntime<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.Runtime = null);
    public static T SetVerbosity<T>(this T s, DotNetVerbosity? v) where T : DotNetPublishSettings => s.Modify(x => x.Verbosity = v);
    public static T ResetVerbosity<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.Verbosity = null);
    public static T SetVersionSuffix<T>(this T s, string? v) where T : DotNetPublishSettings => s.Modify(x => x.VersionSuffix = v);
    public static T ResetVersionSuffix<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.VersionSuffix = null);
    public static T SetNoLogo<T>(this T s, bool? v) where T : DotNetPublishSettings => s.Modify(x => x.NoLogo = v);
    public static T ResetNoLogo<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.NoLogo = null);
    public static T EnableNoLogo<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.NoLogo = true);
    public static T DisableNoLogo<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.NoLogo = false);
    public static T ToggleNoLogo<T>(this T s) where T : DotNetPublishSettings => s.Modify(x => x.NoLogo = !x.NoLogo);
}
