using System.Text.RegularExpressions;
using System.Xml.Linq;
using Nuke.Common.IO;

namespace Nuke.Common.Tools.DotNet;

/// <summary>Reads the project list of a .sln or .slnx without starting the dotnet CLI.</summary>
public static partial class SolutionFile
{
    public static IReadOnlyList<AbsolutePath> Projects(AbsolutePath solution)
    {
        var directory = solution.Parent!;
        var text = solution.ReadAllText();
        var paths = solution.Extension.Equals(".slnx", StringComparison.OrdinalIgnoreCase)
            ? XDocument.Parse(text).Descendants("Project").Select(p => (string?)p.Attribute("Path")).OfType<string>()
            : ProjectLine().Matches(text).Select(m => m.Groups["path"].Value);
        return paths
            .Where(p => p.EndsWith("proj", StringComparison.OrdinalIgnoreCase))
            .Select(p => directory / p.Replace('\\', '/'))
            .ToList();
    }

    /// <summary>Projects marked IsTestProject or referencing Microsoft.NET.Test.Sdk.</summary>
    public static IReadOnlyList<AbsolutePath> TestProjects(AbsolutePath solution) =>
        Projects(solution).Where(p => p.FileExists() && IsTestProject(p.ReadAllText())).ToList();

    private static bool IsTestProject(string project) =>
        project.Contains("<IsTestProject>true</IsTestProject>", StringComparison.OrdinalIgnoreCase)
        || project.Contains("\"Microsoft.NET.Test.Sdk\"", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^Project\\(\"\\{[^}]+\\}\"\\)\\s*=\\s*\"[^\"]*\",\\s*\"(?<path>[^\"]+)\"", RegexOptions.Multiline)]
    private static partial Regex ProjectLine();
}
