using System.Text.RegularExpressions;
using Nuke.Common.CommandLine;

namespace Nuke.Common;

/// <summary>
/// How a library names the build's parameters and targets in its messages without spelling the command line: it
/// writes <c>Spelling.Parameter("KmsKeyId")</c> or <c>Spelling.Run("CreateDeployKey", "Force")</c>, and the core,
/// which owns the command line, renders them as <c>--kms-key-id / KMS_KEY_ID</c> and
/// <c>./build.sh CreateDeployKey --force</c>: a <see cref="BuildException"/> when it is made, everything else when it is
/// written (<see cref="Render"/>).
/// </summary>
public static partial class Spelling
{
    private const char Open = '\u27E6', Close = '\u27E7';

    /// <summary>A parameter as both places a user sets it: <c>--kms-key-id / KMS_KEY_ID</c>.</summary>
    public static string Parameter(string name) => Mark("parameter", name);

    /// <summary>A parameter's command-line option: <c>--kms-key-id</c>.</summary>
    public static string Option(string name) => Mark("option", name);

    /// <summary>A parameter's environment variable: <c>KMS_KEY_ID</c>.</summary>
    public static string Variable(string name) => Mark("variable", name);

    /// <summary>
    /// A variable the CI service sets, by the property of Nuke's host class that holds it (<c>ProjectPath</c>,
    /// <c>ServerShellSshHost</c>): the host that owns the variable spells it (GitLab: <c>CI_PROJECT_PATH</c>), so a
    /// library names the fact without knowing the CI service's variable names. Where no host sets it, the property name stays.
    /// </summary>
    public static string CiVariable(string property) => Mark("ci", property);

    /// <summary>
    /// A section of the product's documentation, by page (<c>aws-setup</c>) and heading as written there
    /// (<c>2. Key policy</c>). Rendered as a link into the docs of the version that is running: the URL the packages
    /// were built with (assembly metadata <c>DocsUrl</c>, e.g. the project at the commit), else <c>docs/</c> of a
    /// checkout of this repository, which is where a build without that URL was made.
    /// </summary>
    public static string Docs(string page, string heading) => Mark("docs", $"{page}#{heading}");

    /// <summary>A command that runs a target, with switches (boolean parameters) set: <c>./build.sh CreateDeployKey --force</c>.</summary>
    public static string Run(string target, params string[] switches) => Mark("run", string.Join(' ', [target, .. switches]));

    /// <summary>Replaces every mark in <paramref name="text"/> with its spelling.</summary>
    public static string Render(string text)
    {
        // A scan, not a regex: every line the build prints passes through here, and --help prints marks, so a regex
        // would load and set up the regex engine on every run. A mark is ⟦kind:name⟧, kind in a-z; anything else stays.
        var open = text.IndexOf(Open);
        if (open < 0) return text;
        var rendered = new System.Text.StringBuilder(text.Length);
        var copied = 0;
        for (; open >= 0; open = text.IndexOf(Open, open + 1))
        {
            var close = text.IndexOf(Close, open + 1);
            if (close < 0) break;
            var colon = text.IndexOf(':', open + 1, close - open - 1);
            if (colon <= open + 1 || !IsKind(text.AsSpan(open + 1, colon - open - 1))) continue;
            rendered.Append(text, copied, open - copied).Append(Spell(text[(open + 1)..colon], text[(colon + 1)..close]));
            copied = close + 1;
            open = close;
        }
        return rendered.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>The script a user runs the build with on this system.</summary>
    public static string Bootstrap => OperatingSystem.IsWindows() ? @".\build.cmd" : "./build.sh";

    /// <summary><c>{base}{page}.md#{anchor}</c>, the anchor as GitLab (and GitHub) derive it from the heading.</summary>
    internal static string DocsLink(string docsBase, string page, string heading) =>
        $"{docsBase}{page}.md#{HyphenRuns().Replace(NotAnchor().Replace(heading.Trim().ToLowerInvariant(), "").Replace(' ', '-'), "-")}";

    internal static readonly string DocsBase =
        typeof(Spelling).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .OfType<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "DocsUrl")?.Value is { Length: > 0 } url
            ? url.TrimEnd('/') + "/"
            : "docs/";

    private static bool IsKind(ReadOnlySpan<char> kind)
    {
        foreach (var c in kind)
            if (c is < 'a' or > 'z') return false;
        return true;
    }

    private static string Mark(string kind, string name) => $"{Open}{kind}:{name}{Close}";

    private static string Spell(string kind, string name) => kind switch
    {
        "parameter" => $"--{NameText.ToKebabCase(name)} / {NameText.ToUpperSnakeCase(name)}",
        "option" => $"--{NameText.ToKebabCase(name)}",
        "variable" => NameText.ToUpperSnakeCase(name),
        "docs" => name.Split('#', 2) is [var page, var heading] ? DocsLink(DocsBase, page, heading) : name,
        "ci" => BuildContext.Current.DeclaredHosts.Select(h => h.VariableName(name)).FirstOrDefault(v => v is not null) ?? name,
        "run" => string.Join(' ', name.Split(' ') is [var target, .. var switches]
            ? [Bootstrap, target, .. switches.Select(s => "--" + NameText.ToKebabCase(s))]
            : [Bootstrap]),
        _ => name,
    };

    [GeneratedRegex(@"[^\p{L}\p{Nd}_ -]")]
    private static partial Regex NotAnchor();

    [GeneratedRegex("-{2,}")]
    private static partial Regex HyphenRuns();

}
