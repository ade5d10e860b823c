using Microsoft.VisualStudio.SolutionPersistence.Model;
using Microsoft.VisualStudio.SolutionPersistence.Serializer;
using Nuke.Common.IO;

namespace Nuke.Common.ProjectModel;

/// <summary>
/// A parsed .sln or .slnx (read with Microsoft.VisualStudio.SolutionPersistence): its projects and solution folders,
/// with Nuke's member names. Converts to its path, so <c>DotNetBuild(s => s.SetProjectFile(Solution))</c> works.
/// </summary>
public sealed class Solution
{
    private readonly List<Project> _projects = [];
    private readonly List<SolutionFolder> _folders = [];

    private Solution(AbsolutePath path) => Path = path;

    public AbsolutePath Path { get; }
    public AbsolutePath Directory => Path.Parent!;
    public string Name => Path.NameWithoutExtension;
    public string FileName => Path.Name;

    /// <summary>Projects at the top level of the solution (not inside a solution folder), as in Nuke.</summary>
    public IReadOnlyCollection<Project> Projects => _projects.Where(p => p.SolutionFolder is null).ToList();

    /// <summary>Every project, wherever it sits.</summary>
    public IReadOnlyCollection<Project> AllProjects => _projects;

    public IReadOnlyCollection<SolutionFolder> SolutionFolders => _folders.Where(f => f.Parent is null).ToList();
    public IReadOnlyCollection<SolutionFolder> AllSolutionFolders => _folders;

    /// <summary>The project with this name (case-insensitive) or id; null when there is none.</summary>
    public Project? GetProject(string nameOrId) =>
        _projects.SingleOrDefault(p => string.Equals(p.Name, nameOrId, StringComparison.OrdinalIgnoreCase)
            || (Guid.TryParse(nameOrId, out var id) && p.ProjectId == id));

    public Project? GetProject(Guid id) => _projects.SingleOrDefault(p => p.ProjectId == id);

    /// <summary>Projects whose name matches the wildcard pattern (<c>*</c>, <c>?</c>), e.g. <c>GetAllProjects("*.Tests")</c>.</summary>
    public IReadOnlyCollection<Project> GetAllProjects(string wildcardPattern)
    {
        var regex = new System.Text.RegularExpressions.Regex(
            "^" + System.Text.RegularExpressions.Regex.Escape(wildcardPattern).Replace("\\*", ".*").Replace("\\?", ".") + "$",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        return _projects.Where(p => regex.IsMatch(p.Name)).ToList();
    }

    public SolutionFolder? GetSolutionFolder(string name) =>
        _folders.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    public static implicit operator string(Solution solution) => solution.Path;

    public static implicit operator AbsolutePath(Solution solution) => solution.Path;

    public override string ToString() => Path;

    /// <summary>Reads a .sln or .slnx file.</summary>
    public static Solution Parse(AbsolutePath path) => ParseAsync(path).GetAwaiter().GetResult();

    public static async Task<Solution> ParseAsync(AbsolutePath path, CancellationToken cancellationToken = default)
    {
        if (!path.FileExists())
            throw new BuildException($"Solution file {path} does not exist.", "Set \"Solution\" in .nuke/parameters.json to the solution's path relative to the root.");
        var serializer = SolutionSerializers.GetSerializerByMoniker(path)
            ?? throw new BuildException($"{path.Name} is not a solution file (.sln or .slnx).", "Point \"Solution\" in .nuke/parameters.json at a .sln or .slnx file.");
        SolutionModel model;
        try
        {
            model = await serializer.OpenAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new BuildException($"{path.Name} could not be read: {e.Message}", "Open and save it with Visual Studio or `dotnet sln`, or fix the line named.", e);
        }

        var solution = new Solution(path);
        var folders = new Dictionary<SolutionFolderModel, SolutionFolder>();
        SolutionFolder? FolderOf(SolutionFolderModel? model) => model is null ? null : folders.GetValueOrDefault(model);
        // Parents first, so each folder can point at its own parent.
        foreach (var folder in model.SolutionFolders.OrderBy(f => f.Path.Count(c => c == '/')))
        {
            var created = new SolutionFolder(solution, folder.ActualDisplayName, folder.Id, FolderOf(folder.Parent));
            folders[folder] = created;
            solution._folders.Add(created);
        }
        foreach (var project in model.SolutionProjects)
        {
            var file = solution.Directory / project.FilePath.Replace('\\', '/');
            solution._projects.Add(new Project(solution, project.ActualDisplayName, file, project.Id, project.TypeId, FolderOf(project.Parent)));
        }
        return solution;
    }
}

/// <summary>A solution folder (Nuke's SolutionFolder).</summary>
public sealed class SolutionFolder(Solution solution, string name, Guid projectId, SolutionFolder? parent)
{
    public Solution Solution { get; } = solution;
    public string Name { get; } = name;
    public Guid ProjectId { get; } = projectId;
    /// <summary>The folder this one sits in; null at the top level.</summary>
    public SolutionFolder? Parent { get; } = parent;

    public IReadOnlyCollection<Project> Projects => Solution.AllProjects.Where(p => p.SolutionFolder == this).ToList();
    public IReadOnlyCollection<SolutionFolder> SolutionFolders => Solution.AllSolutionFolders.Where(f => f.Parent == this).ToList();

    public Project? GetProject(string name) => Projects.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Name;
}
