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
    /// one is to take a plain value from the host (GitLab.GetPipeline, GitLabVariables) instead.
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
        var spellings = parameters.SelectMany(p => new[] { "--" + Kebab(p) + "(?![\\w-])", "\\b" + Snake(p) + "\\b" }).Append(@"\./build\.(sh|cmd)");
        var offenders = Directory.EnumerateFiles(Path.Combine(Root, "src/Build.Release"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => StringLiteral().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(Root, f), Text: m.Value)))
            .Where(l => spellings.Any(s => Regex.IsMatch(l.Text, s)))
            .Select(l => $"{l.File}: {l.Text}")
            .ToArray();
        Assert.True(offenders.Length == 0, "Spell these with Nuke.Common.Spelling (Parameter, Option, Variable, Run):\n" + string.Join("\n", offenders));
    }

    /// <summary>
    /// String literals of src/Build.Release that may name GitLab's CI variables. The list may only shrink (an entry
    /// that no longer matches fails too): a message names the fact through GitLabRelease.CiVariables and the GitLab host
    /// spells it.
    /// </summary>
    private static readonly (string File, string Why)[] KnownCiVariableSpellers =
    [
        // GitVersion's own list of the variables by which it detects a build agent (GitVersion's contract, not a
        // message): removed from its environment.
        ("src/Build.Release/Versioning/GitVersionRunner.cs", "BuildAgentVariables"),
        // The job-token push messages, reworded for #12 (PushWith) at the same time: to move to CiVariables with it.
        ("src/Build.Release/Git/JobTokenFailureClassifier.cs", "job-token push messages"),
        ("src/Build.Release/Git/GitLabHttpRepositoryUrl.cs", "job-token push URL messages"),
    ];

    [Fact]
    public void The_release_libraries_do_not_spell_CI_variables()
    {
        var spelled = Directory.EnumerateFiles(Path.Combine(Root, "src/Build.Release"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: Path.GetRelativePath(Root, f).Replace('\\', '/'), Spellings: CiVariableSpellings(File.ReadAllText(f))))
            .Where(f => f.Spellings.Count > 0)
            .ToList();
        var offenders = spelled.Where(f => KnownCiVariableSpellers.All(k => k.File != f.File))
            .Select(f => $"{f.File}: {string.Join(", ", f.Spellings)}").ToArray();
        Assert.True(offenders.Length == 0,
            "Name these facts with GitLabRelease.CiVariables (Spelling.CiVariable), which the GitLab host spells:\n" + string.Join("\n", offenders));
        var stale = KnownCiVariableSpellers.Where(k => spelled.All(f => f.File != k.File)).Select(k => k.File).ToArray();
        Assert.True(stale.Length == 0, "No longer spells a CI variable; remove it from KnownCiVariableSpellers: " + string.Join(", ", stale));
    }

    [Fact]
    public void The_CI_variable_check_finds_a_spelling_in_a_string_and_not_in_code_or_comments()
    {
        const string code = """
            // CI_COMMIT_SHA in a comment
            var sha = request.CiCommitSha;
            throw new BuildException($"Check {CiVariables.ProjectPath}, CI_API_V4_URL and $CI_SERVER_URL", "unset GITLAB_USER_NAME");
            """;
        Assert.Equal(["CI_API_V4_URL", "CI_SERVER_URL", "GITLAB_USER_NAME"], CiVariableSpellings(code));
    }

    private static List<string> CiVariableSpellings(string code) =>
        [.. StringLiteral().Matches(code).Where(m => !m.Value.StartsWith("//", StringComparison.Ordinal))
            .SelectMany(m => CiVariableName().Matches(m.Value)).Select(m => m.Value)];

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?:CI_[A-Z0-9_]+|GITLAB_CI|GITLAB_USER_[A-Z_]+)\b")]
    private static partial Regex CiVariableName();

    /// <summary>Files whose messages still spell a docs path; may only shrink.</summary>
    private static readonly string[] KnownDocsPathSpellers =
    [
        // The job-token push messages, reworded for #12 (PushWith) at the same time.
        "src/Build.Components/JobTokenPushCredential.cs",
    ];

    [Fact]
    public void Messages_link_docs_through_Spelling_Docs_never_by_a_repository_path()
    {
        // An adopter has our packages, not a checkout of this repository: docs/aws-setup.md names nothing for them.
        // Spelling.Docs names a page and heading, and the core renders the link into the docs of the running version.
        var files = SourceFiles("src", "build").ToList();
        var paths = files.Where(f => KnownDocsPathSpellers.All(k => k != f.Path))
            .SelectMany(f => DocsPaths(f.Text).Select(p => $"{f.Path}: {p}")).ToArray();
        Assert.True(paths.Length == 0, "Link these with Spelling.Docs(page, heading):\n" + string.Join("\n", paths));
        var stale = KnownDocsPathSpellers.Where(k => files.Where(f => f.Path == k).All(f => DocsPaths(f.Text).Count == 0)).ToArray();
        Assert.True(stale.Length == 0, "No longer spells a docs path; remove it from KnownDocsPathSpellers: " + string.Join(", ", stale));
    }

    [Fact]
    public void Every_docs_link_names_a_page_and_a_heading_that_exist()
    {
        var links = SourceFiles("src", "build")
            .SelectMany(f => f.Text.Split('\n').Select((line, i) => (Where: $"{f.Path}:{i + 1}", Line: line)))
            .Where(l => l.Line.Contains("Spelling.Docs(", StringComparison.Ordinal))
            .ToList();
        Assert.True(links.Count >= 8, $"{links.Count} links found"); // the scan works
        var broken = new List<string>();
        foreach (var (where, line) in links)
        {
            var calls = DocsCall().Matches(line);
            if (calls.Count != line.Split("Spelling.Docs(").Length - 1)
            {
                broken.Add($"{where}: name the page and the heading as string literals, so this test can check them");
                continue;
            }
            foreach (Match call in calls)
            {
                var (page, heading) = (call.Groups["page"].Value, call.Groups["heading"].Value);
                var file = Path.Combine(Root, "docs", page + ".md");
                if (!File.Exists(file)) broken.Add($"{where}: docs/{page}.md does not exist");
                else if (!File.ReadLines(file).Any(l => Regex.IsMatch(l, "^#+ " + Regex.Escape(heading) + "\\s*$")))
                    broken.Add($"{where}: docs/{page}.md has no heading '{heading}'");
            }
        }
        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    [Fact]
    public void The_docs_checks_find_a_path_and_a_call()
    {
        Assert.Equal(["docs/aws-setup.md"], DocsPaths("// docs/versioning.md in a comment\nthrow new BuildException(\"x\", \"See docs/aws-setup.md.\");"));
        Assert.Empty(DocsPaths("""var link = Spelling.Docs("aws-setup", "2. Key policy");"""));
        var call = DocsCall().Match("""$"See {Spelling.Docs("aws-setup", "4. The CI role and its trust policy")}." """);
        Assert.Equal(("aws-setup", "4. The CI role and its trust policy"), (call.Groups["page"].Value, call.Groups["heading"].Value));
    }

    private static IEnumerable<(string Path, string Text)> SourceFiles(params string[] directories) =>
        directories.SelectMany(d => Directory.EnumerateFiles(Path.Combine(Root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(Root, f).Replace('\\', '/'), File.ReadAllText(f)));

    private static List<string> DocsPaths(string code) =>
        [.. StringLiteral().Matches(code).Where(m => !m.Value.StartsWith("//", StringComparison.Ordinal))
            .SelectMany(m => DocsPath().Matches(m.Value)).Select(m => m.Value)];

    [GeneratedRegex(@"\bdocs/[\w-]+\.md\b")]
    private static partial Regex DocsPath();

    [GeneratedRegex("""Spelling\.Docs\("(?<page>[\w-]+)",\s*"(?<heading>[^"]+)"\)""")]
    private static partial Regex DocsCall();

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
