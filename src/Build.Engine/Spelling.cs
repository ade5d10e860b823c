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

    /// <summary>A command that runs a target, with switches (boolean parameters) set: <c>./build.sh CreateDeployKey --force</c>.</summary>
    public static string Run(string target, params string[] switches) => Mark("run", string.Join(' ', [target, .. switches]));

    /// <summary>Replaces every mark in <paramref name="text"/> with its spelling.</summary>
    public static string Render(string text) =>
        text.IndexOf(Open) < 0 ? text : Marked().Replace(text, match => Spell(match.Groups["kind"].Value, match.Groups["name"].Value));

    /// <summary>The script a user runs the build with on this system.</summary>
    public static string Bootstrap => OperatingSystem.IsWindows() ? @".\build.cmd" : "./build.sh";

    private static string Mark(string kind, string name) => $"{Open}{kind}:{name}{Close}";

    private static string Spell(string kind, string name) => kind switch
    {
        "parameter" => $"--{NameText.ToKebabCase(name)} / {NameText.ToUpperSnakeCase(name)}",
        "option" => $"--{NameText.ToKebabCase(name)}",
        "variable" => NameText.ToUpperSnakeCase(name),
        "run" => string.Join(' ', name.Split(' ') is [var target, .. var switches]
            ? [Bootstrap, target, .. switches.Select(s => "--" + NameText.ToKebabCase(s))]
            : [Bootstrap]),
        _ => name,
    };

    [GeneratedRegex("\u27E6(?<kind>[a-z]+):(?<name>[^\u27E7]*)\u27E7")]
    private static partial Regex Marked();
}
