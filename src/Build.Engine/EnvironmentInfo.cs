using System.ComponentModel;
using System.Runtime.InteropServices;
using Nuke.Common.IO;

namespace Nuke.Common;

/// <summary>Nuke's facts about the machine and the build's environment (<c>using static Nuke.Common.EnvironmentInfo;</c>).</summary>
public static class EnvironmentInfo
{
    public static bool IsWin => OperatingSystem.IsWindows();
    public static bool IsUnix => !OperatingSystem.IsWindows();
    public static bool IsLinux => OperatingSystem.IsLinux();
    public static bool IsOsx => OperatingSystem.IsMacOS();
    public static bool Is64Bit => Environment.Is64BitOperatingSystem;
    public static bool IsArm64 => RuntimeInformation.OSArchitecture == Architecture.Arm64;
    public static string NewLine => Environment.NewLine;
    public static string MachineName => Environment.MachineName;
    public static AbsolutePath WorkingDirectory => AbsolutePath.Create(Directory.GetCurrentDirectory());

    /// <summary>The build's environment (the process's, or the one a test injected); never written.</summary>
    public static IReadOnlyDictionary<string, string> Variables => BuildContext.Current.Environment;

    public static string? GetVariable(string name) =>
        Variables.TryGetValue(name, out var value) ? value
        : Variables.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The variable converted to <typeparamref name="T"/> (bool, int, enum, ...); default when unset.</summary>
    public static T? GetVariable<T>(string name) =>
        GetVariable(name) is { Length: > 0 } text ? (T?)TypeDescriptor.GetConverter(typeof(T)).ConvertFromInvariantString(text) : default;
}
