namespace GitLabRelease.Versioning;

/// <summary>The MSBuild properties that stamp assemblies and packages with the computed version.</summary>
public static class AssemblyVersionProperties
{
    public static IReadOnlyDictionary<string, string> For(GitVersionInfo info) => new Dictionary<string, string>
    {
        ["Version"] = info.SemVer,
        ["AssemblyVersion"] = info.AssemblySemVer,
        ["FileVersion"] = info.AssemblySemFileVer,
        ["InformationalVersion"] = info.InformationalVersion,
    };

    /// <summary><c>-p:Name=Value</c> arguments for <c>dotnet build</c>/<c>dotnet pack</c>.</summary>
    public static IReadOnlyList<string> Arguments(GitVersionInfo info) =>
        For(info).Select(p => $"-p:{p.Key}={p.Value}").ToList();
}
