using Nuke.Common;

namespace GitLabRelease.Versioning;

/// <summary>
/// Finds GitVersion's CLI inside the GitVersion.MsBuild package, which the build project downloads during
/// its own restore (a <c>PackageDownload</c>), so a fresh machine needs no separate tool install.
/// </summary>
public static class GitVersionToolLocator
{
    public const string PackageId = "gitversion.msbuild";
    public const string PackageVersion = "6.8.2";
    public const string TargetFramework = "net10.0";

    public static string PackagesFolder(Func<string, string?> environment)
    {
        var configured = environment("NUGET_PACKAGES");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var home = environment("HOME") ?? environment("USERPROFILE") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".nuget", "packages");
    }

    public static string Locate(Func<string, string?> environment)
    {
        var folder = PackagesFolder(environment);
        var path = Path.Combine(folder, PackageId, PackageVersion, "tools", TargetFramework, "gitversion.dll");
        if (File.Exists(path)) return path;
        throw new BuildException(
            $"GitVersion {PackageVersion} is not in the NuGet package folder (looked for {path}).",
            $"Restore the build project, which downloads it: run `{Spelling.Run("Restore")}` or " +
            "`dotnet restore build/_build.csproj` (with the same NUGET_PACKAGES as the build).");
    }
}
