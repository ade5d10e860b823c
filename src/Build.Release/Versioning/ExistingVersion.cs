using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace GitLabRelease.Versioning;

/// <summary>
/// A version a repository declared before it adopted GitVersion: a literal <c>&lt;Version&gt;</c> or
/// <c>&lt;VersionPrefix&gt;</c> property in a project file or a Directory.Build.props. Values built from other
/// properties (<c>$(Major).$(Minor)</c>) are not versions we can read and are passed over.
/// </summary>
public sealed partial record ExistingVersion(string Property, string Value, string File, int Major, int Minor, int Patch, bool IsPreRelease)
{
    /// <summary>
    /// The version of the next release: what the project builds as today may already be published (a feed refuses the
    /// same version twice), so a release version is followed by the next patch; a pre-release (2.2.0-beta.1, or a
    /// VersionPrefix with a VersionSuffix beside it) by the release it leads to (2.2.0).
    /// </summary>
    public string NextVersion => IsPreRelease ? $"{Major}.{Minor}.{Patch}" : $"{Major}.{Minor}.{Patch + 1}";

    /// <summary><c>&lt;Version&gt;2.1.2&lt;/Version&gt; in src/Lib/Lib.csproj</c></summary>
    public override string ToString() => $"<{Property}>{Value}</{Property}> in {File}";

    /// <summary>
    /// The highest version declared in the root Directory.Build.props, the given project files and every
    /// Directory.Build.props between a project and the root; null when none declares one.
    /// </summary>
    public static ExistingVersion? FindHighest(string repositoryDirectory, IEnumerable<string> projectFiles)
    {
        var root = Path.GetFullPath(repositoryDirectory);
        var files = new List<string> { Path.Combine(root, "Directory.Build.props") };
        foreach (var project in projectFiles.Select(Path.GetFullPath))
        {
            for (var directory = Path.GetDirectoryName(project); directory is not null && IsUnder(directory, root) && directory != root; directory = Path.GetDirectoryName(directory))
                files.Add(Path.Combine(directory, "Directory.Build.props"));
            files.Add(project);
        }
        return files.Distinct(StringComparer.Ordinal).Where(System.IO.File.Exists)
            .SelectMany(file => Read(file, Path.GetRelativePath(root, file).Replace('\\', '/')))
            .OrderByDescending(v => (v.Major, v.Minor, v.Patch, v.IsPreRelease ? 0 : 1))
            .FirstOrDefault();
    }

    private static IEnumerable<ExistingVersion> Read(string path, string relative)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(path);
        }
        catch (XmlException)
        {
            yield break; // MSBuild would fail on it too; nothing to continue from
        }
        var properties = document.Descendants().Where(e => e.Parent?.Name.LocalName == "PropertyGroup").ToList();
        var hasSuffix = properties.Any(e => e.Name.LocalName == "VersionSuffix" && e.Value.Trim().Length > 0);
        foreach (var element in properties.Where(e => e.Name.LocalName is "Version" or "VersionPrefix"))
        {
            var value = element.Value.Trim();
            if (Literal().Match(value) is not { Success: true } match) continue;
            var number = (string group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
            var isPreRelease = match.Groups["pre"].Success || (element.Name.LocalName == "VersionPrefix" && hasSuffix);
            yield return new ExistingVersion(element.Name.LocalName, value, relative, number("major"), number("minor"), number("patch"), isPreRelease);
        }
    }

    private static bool IsUnder(string directory, string root) =>
        directory == root || directory.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    // 2.1, 2.1.2, 2.1.2.0, 2.1.2-beta.1, 2.1.2+build: what NuGet accepts as a literal version.
    [GeneratedRegex(@"^(?<major>\d+)\.(?<minor>\d+)(?:\.(?<patch>\d+))?(?:\.\d+)?(?<pre>-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex Literal();
}
