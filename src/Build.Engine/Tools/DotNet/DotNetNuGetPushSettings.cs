using System.Collections.Immutable;
using Nuke.Common.Tooling;

namespace Nuke.Common.Tools.DotNet;

/// <summary>Settings of <c>dotnet nuget push</c>, with Nuke's names; see <see cref="DotNetTasks.DotNetNuGetPush(Configure{DotNetNuGetPushSettings})"/>.</summary>
public class DotNetNuGetPushSettings : DotNetToolSettings
{
    public string? TargetPath { get; internal set; }
    public string? Source { get; internal set; }
    public string? SymbolSource { get; internal set; }
    public int? Timeout { get; internal set; }
    public string? ApiKey { get; internal set; }
    public string? SymbolApiKey { get; internal set; }
    public bool? DisableBuffering { get; internal set; }
    public bool? NoSymbols { get; internal set; }
    public bool? ForceEnglishOutput { get; internal set; }
    public bool? SkipDuplicate { get; internal set; }
    public bool? NoServiceEndpoint { get; internal set; }

    protected override void Configure(Arguments arguments)
    {
        arguments.Add("nuget");
        arguments.Add("push");
        arguments.Add("{value}", TargetPath);
        arguments.Add("--source {value}", Source);
        arguments.Add("--symbol-source {value}", SymbolSource);
        arguments.Add("--timeout {value}", Timeout);
        arguments.Add("--api-key {value}", ApiKey, secret: true);
        arguments.Add("--symbol-api-key {value}", SymbolApiKey, secret: true);
        arguments.Add("--disable-buffering", DisableBuffering);
        arguments.Add("--no-symbols", NoSymbols);
        arguments.Add("--force-english-output", ForceEnglishOutput);
        arguments.Add("--skip-duplicate", SkipDuplicate);
        arguments.Add("--no-service-endpoint", NoServiceEndpoint);
    }
}

public static class DotNetNuGetPushSettingsExtensions
{
    public static T SetTargetPath<T>(this T s, string? v) where T : DotNetNuGetPushSettings => s.Modify(x => x.TargetPath = v);
    public static T ResetTargetPath<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.TargetPath = null);
    public static T SetSource<T>(this T s, string? v) where T : DotNetNuGetPushSettings => s.Modify(x => x.Source = v);
    public static T ResetSource<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.Source = null);
    public static T SetSymbolSource<T>(this T s, string? v) where T : DotNetNuGetPushSettings => s.Modify(x => x.SymbolSource = v);
    public static T ResetSymbolSource<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.SymbolSource = null);
    public static T SetTimeout<T>(this T s, int? v) where T : DotNetNuGetPushSettings => s.Modify(x => x.Timeout = v);
    public static T ResetTimeout<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.Timeout = null);
    public static T SetApiKey<T>(this T s, string? v) where T : DotNetNuGetPushSettings => s.Modify(x => x.ApiKey = v);
    public static T ResetApiKey<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.ApiKey = null);
    public static T SetSymbolApiKey<T>(this T s, string? v) where T : DotNetNuGetPushSettings => s.Modify(x => x.SymbolApiKey = v);
    public static T ResetSymbolApiKey<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.SymbolApiKey = null);
    public static T SetDisableBuffering<T>(this T s, bool? v) where T : DotNetNuGetPushSettings => s.Modify(x => x.DisableBuffering = v);
    public static T ResetDisableBuffering<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.DisableBuffering = null);
    public static T EnableDisableBuffering<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.DisableBuffering = true);
    public static T DisableDisableBuffering<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.DisableBuffering = false);
    public static T ToggleDisableBuffering<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.DisableBuffering = !x.DisableBuffering);
    public static T SetNoSymbols<T>(this T s, bool? v) where T : DotNetNuGetPushSettings => s.Modify(x => x.NoSymbols = v);
    public static T ResetNoSymbols<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.NoSymbols = null);
    public static T EnableNoSymbols<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.NoSymbols = true);
    public static T DisableNoSymbols<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.NoSymbols = false);
    public static T ToggleNoSymbols<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.NoSymbols = !x.NoSymbols);
    public static T SetForceEnglishOutput<T>(this T s, bool? v) where T : DotNetNuGetPushSettings => s.Modify(x => x.ForceEnglishOutput = v);
    public static T ResetForceEnglishOutput<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.ForceEnglishOutput = null);
    public static T EnableForceEnglishOutput<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.ForceEnglishOutput = true);
    public static T DisableForceEnglishOutput<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.ForceEnglishOutput = false);
    public static T ToggleForceEnglishOutput<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.ForceEnglishOutput = !x.ForceEnglishOutput);
    public static T SetSkipDuplicate<T>(this T s, bool? v) where T : DotNetNuGetPushSettings => s.Modify(x => x.SkipDuplicate = v);
    public static T ResetSkipDuplicate<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.SkipDuplicate = null);
    public static T EnableSkipDuplicate<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.SkipDuplicate = true);
    public static T DisableSkipDuplicate<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.SkipDuplicate = false);
    public static T ToggleSkipDuplicate<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.SkipDuplicate = !x.SkipDuplicate);
    public static T SetNoServiceEndpoint<T>(this T s, bool? v) where T : DotNetNuGetPushSettings => s.Modify(x => x.NoServiceEndpoint = v);
    public static T ResetNoServiceEndpoint<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.NoServiceEndpoint = null);
    public static T EnableNoServiceEndpoint<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.NoServiceEndpoint = true);
    public static T DisableNoServiceEndpoint<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.NoServiceEndpoint = false);
    public static T ToggleNoServiceEndpoint<T>(this T s) where T : DotNetNuGetPushSettings => s.Modify(x => x.NoServiceEndpoint = !x.NoServiceEndpoint);
}
