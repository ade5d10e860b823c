using System.Text;
using Nuke.Common.Execution;
using Nuke.Common.Parameters;

namespace Nuke.Common.Output;

/// <summary>
/// The text of --help: targets (default marked, with dependencies), parameters in kebab-case, built-in options.
/// Plain loops into one string: --help is the startup path people time, and every extra generic costs JIT time.
/// </summary>
internal static class HelpWriter
{
    // Padding comes from a constant: StringBuilder.Append(' ', n) fills with vector code, which ReadyToRun leaves to the
    // JIT (three methods compiled on every --help).
    private const string Spaces = "                                                                ";

    private static StringBuilder Pad(this StringBuilder text, int count)
    {
        for (; count > Spaces.Length; count -= Spaces.Length) text.Append(Spaces);
        return text.Append(Spaces, 0, Math.Max(count, 0));
    }

    private static readonly string[][] BuiltIns =
    [
        ["--target <targets>", "Targets to run (also: positional words before the first option, a+b)"],
        ["--skip [targets]", "Skip the given targets; without targets, skip all but the invoked ones"],
        ["--plan", "Print the execution plan and exit"],
        ["--root <directory>", "Root directory (default: the nearest directory containing .nuke/)"],
        ["--verbosity <level>", "quiet, minimal, normal or verbose"],
        ["--host <name>", "Force a host (Terminal, GitLab, ...) instead of detecting it"],
        ["--no-logo", "Do not print the logo"],
        ["--generate-configuration", "Write the CI configuration files and exit"],
        ["--help, -h", "Show this help"],
    ];

    public static void Write(TextWriter output, IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ParameterMember> parameters)
    {
        var text = new StringBuilder(2048);
        text.Append("Targets (with their direct dependencies):\n\n");
        var width = 0;
        foreach (var target in targets)
            if (!target.Definition.IsUnlisted) width = Math.Max(width, target.Name.Length + (target.IsDefault ? 10 : 0));
        foreach (var target in targets)
        {
            if (target.Definition.IsUnlisted) continue;
            var name = target.IsDefault ? target.Name + " (default)" : target.Name;
            text.Append("  ").Append(name).Pad(width + 2 - name.Length).Append(target.Description);
            for (var i = 0; i < target.Dependencies.Count; i++)
                text.Append(i == 0 ? " -> " : ", ").Append(target.Dependencies[i].Name);
            text.Append('\n');
        }

        text.Append("\nParameters:\n\n");
        var options = new string[parameters.Count];
        var optionWidth = 0;
        for (var i = 0; i < parameters.Count; i++)
        {
            options[i] = "--" + parameters[i].CliName + " <" + ParameterConverter.Describe(parameters[i].Type) + ">";
            optionWidth = Math.Max(optionWidth, options[i].Length);
        }
        foreach (var builtIn in BuiltIns) optionWidth = Math.Max(optionWidth, builtIn[0].Length);
        for (var i = 0; i < parameters.Count; i++)
        {
            text.Append("  ").Append(options[i]).Pad(optionWidth + 2 - options[i].Length).Append(parameters[i].Description);
            if (parameters[i].IsSecret) text.Append(" (secret)");
            text.Append('\n');
        }
        text.Append('\n');
        foreach (var builtIn in BuiltIns)
            text.Append("  ").Append(builtIn[0]).Pad(optionWidth + 2 - builtIn[0].Length).Append(builtIn[1]).Append('\n');
        text.Append("\nParameters also come from environment variables (KMS_KEY_ID, NUKE_KMS_KEY_ID) and .nuke/parameters.json.\n");
        output.Write(text.ToString());
        output.Flush();
    }
}
