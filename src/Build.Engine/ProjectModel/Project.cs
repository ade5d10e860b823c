using System.Xml.Linq;
using Nuke.Common.IO;

namespace Nuke.Common.ProjectModel;

/// <summary>
/// A project of a <see cref="Solution"/>. Properties are read from the project file's own XML (no MSBuild
/// evaluation: imports such as Directory.Build.props are not applied). Converts to its path.
/// </summary>
public sealed class Project(Solution solution, string name, AbsolutePath path, Guid projectId, Guid typeId, SolutionFolder? solutionFolder)
{
    public Solution Solution { get; } = solution;
    public string Name { get; } = name;
    public AbsolutePath Path { get; } = path;
    public AbsolutePath Directory => Path.Parent!;
    public Guid ProjectId { get; } = projectId;
    public Guid TypeId { get; } = typeId;
    public SolutionFolder? SolutionFolder { get; } = solutionFolder;

    /// <summary>A property set in the project file itself (last one wins), or null.</summary>
    public string? GetProperty(string name) =>
        Document()?.Descendants().Where(e => e.Name.LocalName == name && e.Parent?.Name.LocalName == "PropertyGroup").Select(e => e.Value.Trim()).LastOrDefault();

    public T? GetProperty<T>(string name) =>
        GetProperty(name) is { } text ? (T?)System.ComponentModel.TypeDescriptor.GetConverter(typeof(T)).ConvertFromInvariantString(text) : default;

    /// <summary>TargetFramework or TargetFrameworks of the project file.</summary>
    public IReadOnlyCollection<string> GetTargetFrameworks() =>
        (GetProperty("TargetFrameworks") ?? GetProperty("TargetFramework") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>IsTestProject true, or a reference to Microsoft.NET.Test.Sdk.</summary>
    public bool IsTestProject =>
        string.Equals(GetProperty("IsTestProject"), "true", StringComparison.OrdinalIgnoreCase)
        || (Document()?.Descendants().Any(e => e.Name.LocalName == "PackageReference" && (string?)e.Attribute("Include") == "Microsoft.NET.Test.Sdk") ?? false);

    public static implicit operator string(Project project) => project.Path;

    public static implicit operator AbsolutePath(Project project) => project.Path;

    public override string ToString() => Path;

    private XDocument? Document() => Path.FileExists() ? XDocument.Load(Path) : null;
}

/// <summary>Nuke's static solution helpers.</summary>
public static class ProjectModelTasks
{
    public static Solution ParseSolution(string solutionFile) => Solution.Parse(AbsolutePath.Create(System.IO.Path.GetFullPath(solutionFile)));
}
