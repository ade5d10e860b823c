using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Engine.Tests;

/// <summary>
/// Layers point down only: the Nuke-compatible core knows nothing of GitLab, releases, AWS or SSH; the GitLab host
/// and the release libraries know only the core; components compose them; the build composes components.
/// Checked on the project references, the package references and the namespaces the code names (usings and
/// fully qualified names alike), so a new upward dependency fails here, not in review.
/// </summary>
public partial class LayeringTests
{
    private sealed record Layer(string Project, string[] References, string[] ForbiddenNamespaces, string[] ForbiddenPackages);

    private static readonly string[] ReleaseNamespaces = ["GitLabRelease", "Amazon"];

    private static readonly Layer[] Layers =
    [
        new("src/Build.Engine/Build.Engine.csproj", [],
            [.. ReleaseNamespaces, "Nuke.Common.CI.GitLab", "Nuke.Components", "YamlDotNet", "Renci"],
            ["AWSSDK", "YamlDotNet", "SSH.NET"]),
        new("src/Build.GitLab/Build.GitLab.csproj", ["Build.Engine"],
            [.. ReleaseNamespaces, "Nuke.Components"],
            ["AWSSDK", "SSH.NET"]),
        new("src/Build.Release/Build.Release.csproj", ["Build.Engine"],
            ["GitLabRelease.Components", "Nuke.Components", "Nuke.Common.CI.GitLab", "YamlDotNet"],
            ["YamlDotNet"]),
        new("src/Build.Components/Build.Components.csproj", ["Build.Engine", "Build.GitLab", "Build.Release"], [], []),
        new("build/_build.csproj", ["Build.Components"], [], []),
        // The dotnet new template: content only; the build project it adds references the packages, no project.
        new("src/Build.Templates/Build.Templates.csproj", [], [], []),
        new("src/Build.Templates/content/build/_build.csproj", [], [], []),
    ];

    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "App.sln"))) return directory.FullName;
        throw new InvalidOperationException("App.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Every_project_has_a_layer()
    {
        var projects = Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Where(path => !path.Contains("/obj/", StringComparison.Ordinal));
        Assert.All(projects, project => Assert.True(Layers.Any(l => l.Project == project),
            $"{project} has no layer: add it to {nameof(LayeringTests)}.{nameof(Layers)} with the projects it may reference."));
    }

    [Fact]
    public void Project_references_point_down_only()
    {
        foreach (var layer in Layers)
        {
            var project = XDocument.Load(Path.Combine(Root, layer.Project));
            var references = project.Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension((string)r.Attribute("Include")!)).Order().ToArray();
            Assert.True(references.All(layer.References.Contains),
                $"{layer.Project} references [{string.Join(", ", references)}]; its layer allows only [{string.Join(", ", layer.References)}].");
            var packages = project.Descendants("PackageReference").Select(r => (string)r.Attribute("Include")!).ToArray();
            var forbidden = packages.Where(p => layer.ForbiddenPackages.Any(f => p.StartsWith(f, StringComparison.OrdinalIgnoreCase))).ToArray();
            Assert.True(forbidden.Length == 0, $"{layer.Project} references packages of a higher layer: {string.Join(", ", forbidden)}.");
            var globalUsings = project.Descendants("Using").Select(u => (string)u.Attribute("Include")!).ToArray();
            Assert.Empty(Upward(layer, globalUsings).Select(n => $"{layer.Project}: <Using Include=\"{n}\" />"));
        }
    }

    [Fact]
    public void Code_names_no_namespace_of_a_higher_layer()
    {
        var violations = new List<string>();
        foreach (var layer in Layers.Where(l => l.ForbiddenNamespaces.Length > 0))
        {
            var directory = Path.GetDirectoryName(Path.Combine(Root, layer.Project))!;
            foreach (var file in Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    var code = CommentOrString().Replace(lines[i], "");
                    foreach (var name in Upward(layer, QualifiedName().Matches(code).Select(m => m.Value)))
                        violations.Add($"{Path.GetRelativePath(Root, file)}:{i + 1}: {name}");
                }
            }
        }
        Assert.True(violations.Count == 0, "Upward dependencies:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_check_finds_an_upward_name()
    {
        // Proves the scan above can fail: the core naming the release flow, in a using and a qualified name.
        var engine = Layers[0];
        var code = CommentOrString().Replace("using GitLabRelease.Aws; var x = new Amazon.Runtime.Foo(); // Nuke.Components", "");
        Assert.Equal(["GitLabRelease.Aws", "Amazon.Runtime.Foo"], Upward(engine, QualifiedName().Matches(code).Select(m => m.Value)));
        Assert.Empty(Upward(engine, ["Nuke.Common.IO", "GitLabReleaseNotes.X"]));
    }

    /// <summary>
    /// Files outside the GitLab host that name GitLab's CI variables. The list may only shrink: a file that reads
    /// one is to take a plain value from the host (GitLabHost.GetPipeline, GitLabVariables) instead.
    /// </summary>
    private static readonly string[] KnownCiVariableReaders =
    [
        // Not a read: the variables by which GitVersion detects a build agent, removed from its environment.
        "src/Build.Release/Versioning/GitVersionRunner.cs",
    ];

    [Fact]
    public void Only_the_GitLab_host_reads_CI_variables()
    {
        var readers = new[] { "src/Build.Engine", "src/Build.Release", "src/Build.Components", "build" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(Root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => CiVariable().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Except(KnownCiVariableReaders)
            .ToArray();
        Assert.True(readers.Length == 0,
            "These files read GitLab CI variables; only src/Build.GitLab may (take the value from GitLabVariables):\n" + string.Join("\n", readers));
    }

    [Fact]
    public void The_release_libraries_do_not_spell_the_command_line()
    {
        // The parameters the components declare; a library names them through Nuke.Common.Spelling, never as --options.
        var parameters = new[] { "src/Build.Components", "build" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(Root, d), "*.cs", SearchOption.AllDirectories))
            .SelectMany(f => DeclaredParameter().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct().ToArray();
        Assert.Contains("KmsKeyId", parameters); // the scan works
        var spellings = parameters.SelectMany(p => new[] { "--" + Kebab(p) + "\\b", "\\b" + Snake(p) + "\\b" }).Append(@"\./build\.(sh|cmd)");
        var offenders = Directory.EnumerateFiles(Path.Combine(Root, "src/Build.Release"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => StringLiteral().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(Root, f), Text: m.Value)))
            .Where(l => spellings.Any(s => Regex.IsMatch(l.Text, s)))
            .Select(l => $"{l.File}: {l.Text}")
            .ToArray();
        Assert.True(offenders.Length == 0, "Spell these with Nuke.Common.Spelling (Parameter, Option, Variable, Run):\n" + string.Join("\n", offenders));
    }

    private static string Kebab(string name) => Regex.Replace(name, "(?<=[a-z0-9])([A-Z])", "-$1").ToLowerInvariant();

    private static string Snake(string name) => Regex.Replace(name, "(?<=[a-z0-9])([A-Z])", "_$1").ToUpperInvariant();

    [GeneratedRegex(@"\[Parameter[^\n]*\n\s*(?:\[[^\n]*\]\s*)*[\w<>\?\[\], .]+?\s(\w+)\s*(?:=>|\{|;|=)")]
    private static partial Regex DeclaredParameter();

    [GeneratedRegex("""\$?"(?:[^"\\\n]|\\.)*"|//[^\n]*""")]
    private static partial Regex StringLiteral();

    private static IEnumerable<string> Upward(Layer layer, IEnumerable<string> names) =>
        names.Where(name => layer.ForbiddenNamespaces.Any(ns => name == ns || name.StartsWith(ns + ".", StringComparison.Ordinal)));

    [GeneratedRegex("""//.*$|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)'""")]
    private static partial Regex CommentOrString();

    [GeneratedRegex("\"(?:CI_[A-Z_]+|GITLAB_CI|GITLAB_USER_[A-Z_]+)\"")]
    private static partial Regex CiVariable();

    [GeneratedRegex(@"\b[A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)+")]
    private static partial Regex QualifiedName();
}
