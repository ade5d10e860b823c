using System.Text;

namespace GitLabRelease.Versioning;

/// <summary>Writes the version for later jobs: GitVersion's JSON and a dotenv file for GitLab's <c>artifacts:reports:dotenv</c>.</summary>
public static class VersionArtifacts
{
    public const string JsonFileName = "version.json";
    public const string EnvFileName = "version.env";

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

        // The dotenv variables, in file order. Values never contain newlines or quotes, which GitLab's dotenv parser
        // rejects. Plain calls, not a list of pairs: a collection of KeyValuePair and ReplaceLineEndings are generic and
        // vector code that ReadyToRun leaves to the JIT, five methods compiled on every Version.
        var env = new StringBuilder();
        void Variable(string name, string value) => env.Append(name).Append('=')
            .Append(value.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal))
            .Append('\n');
        Variable("VERSION", info.SemVer);
        Variable("VERSION_FULL", info.FullSemVer);
        Variable("VERSION_INFORMATIONAL", info.InformationalVersion);
        Variable("VERSION_MAJOR_MINOR_PATCH", info.MajorMinorPatch);
        Variable("VERSION_ASSEMBLY", info.AssemblySemVer);
        Variable("VERSION_FILE", info.AssemblySemFileVer);
        Variable("VERSION_SHA", info.Sha);
        Variable("VERSION_BRANCH", info.BranchName);

        File.WriteAllText(jsonPath, info.RawJson + "\n");
        File.WriteAllText(envPath, env.ToString());
        return (jsonPath, envPath);
    }
}
