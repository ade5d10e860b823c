using System.Text;

namespace GitLabRelease.Versioning;

/// <summary>Writes the version for later jobs: GitVersion's JSON and a dotenv file for GitLab's <c>artifacts:reports:dotenv</c>.</summary>
public static class VersionArtifacts
{
    public const string JsonFileName = "version.json";
    public const string EnvFileName = "version.env";

    /// <summary>The dotenv variables, in file order. Values never contain newlines or quotes, which GitLab's dotenv parser rejects.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> EnvironmentVariables(GitVersionInfo info) =>
    [
        new("VERSION", info.SemVer),
        new("VERSION_FULL", info.FullSemVer),
        new("VERSION_INFORMATIONAL", info.InformationalVersion),
        new("VERSION_MAJOR_MINOR_PATCH", info.MajorMinorPatch),
        new("VERSION_ASSEMBLY", info.AssemblySemVer),
        new("VERSION_FILE", info.AssemblySemFileVer),
        new("VERSION_SHA", info.Sha),
        new("VERSION_BRANCH", info.BranchName),
    ];

    /// <summary>Writes <c>version.json</c> and <c>version.env</c> into <paramref name="artifactsDirectory"/>; returns their paths.</summary>
    /// <remarks>
    /// Synchronous on purpose: two files of a few hundred bytes. .NET's asynchronous file writes on Linux hand the
    /// write to the thread pool, and starting that pool was about a tenth of a warm, cached <c>Version</c>.
    /// </remarks>
    public static (string Json, string Env) Write(GitVersionInfo info, string artifactsDirectory)
    {
        Directory.CreateDirectory(artifactsDirectory);
        var jsonPath = Path.Combine(artifactsDirectory, JsonFileName);
        var envPath = Path.Combine(artifactsDirectory, EnvFileName);

        var env = new StringBuilder();
        foreach (var (name, value) in EnvironmentVariables(info))
            env.Append(name).Append('=').Append(value.ReplaceLineEndings("").Replace("\"", "", StringComparison.Ordinal)).Append('\n');

        File.WriteAllText(jsonPath, info.RawJson + "\n");
        File.WriteAllText(envPath, env.ToString());
        return (jsonPath, envPath);
    }
}
