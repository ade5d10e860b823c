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
    public static async Task<(string Json, string Env)> WriteAsync(GitVersionInfo info, string artifactsDirectory, CancellationToken ct = default)
    {
        Directory.CreateDirectory(artifactsDirectory);
        var jsonPath = Path.Combine(artifactsDirectory, JsonFileName);
        var envPath = Path.Combine(artifactsDirectory, EnvFileName);

        var env = new StringBuilder();
        foreach (var (name, value) in EnvironmentVariables(info))
            env.Append(name).Append('=').Append(value.ReplaceLineEndings("").Replace("\"", "", StringComparison.Ordinal)).Append('\n');

        await File.WriteAllTextAsync(jsonPath, info.RawJson + "\n", ct);
        await File.WriteAllTextAsync(envPath, env.ToString(), ct);
        return (jsonPath, envPath);
    }
}
