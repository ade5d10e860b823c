using Build.Engine.Execution;
using Build.Engine.Parameters;

namespace Build.Engine.Output;

/// <summary>The text of --help: targets (default marked, with dependencies), parameters in kebab-case, built-in options.</summary>
internal static class HelpWriter
{
    public static void Write(TextWriter output, IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ParameterMember> parameters)
    {
        var listed = targets.Where(t => !t.Definition.IsUnlisted).ToList();
        output.WriteLine("Targets (with their direct dependencies):");
        output.WriteLine();
        var width = listed.Select(t => t.Name.Length + (t.IsDefault ? 10 : 0)).DefaultIfEmpty(0).Max() + 2;
        foreach (var target in listed)
        {
            var name = target.IsDefault ? $"{target.Name} (default)" : target.Name;
            var dependencies = target.Dependencies.Count > 0 ? $" -> {string.Join(", ", target.Dependencies.Select(d => d.Name))}" : "";
            output.WriteLine($"  {name.PadRight(width)}{target.Description}{dependencies}");
        }

        output.WriteLine();
        output.WriteLine("Parameters:");
        output.WriteLine();
        var options = parameters.Select(p => ($"--{p.CliName} <{ParameterConverter.Describe(p.Type)}>", Text(p))).ToList();
        var builtIns = new (string, string)[]
        {
            ("--target <targets>", "Targets to run (also: positional words before the first option, a+b)"),
            ("--skip [targets]", "Skip the given targets; without targets, skip all but the invoked ones"),
            ("--plan", "Print the execution plan and exit"),
            ("--root <directory>", "Root directory (default: the nearest directory containing .nuke/)"),
            ("--verbosity <level>", "quiet, minimal, normal or verbose"),
            ("--host <name>", "Force a host (Terminal, GitLab, ...) instead of detecting it"),
            ("--no-logo", "Do not print the logo"),
            ("--generate-configuration", "Write the CI configuration files and exit"),
            ("--help, -h", "Show this help"),
        };
        var optionWidth = options.Concat(builtIns).Max(o => o.Item1.Length) + 2;
        foreach (var (option, text) in options) output.WriteLine($"  {option.PadRight(optionWidth)}{text}");
        output.WriteLine();
        foreach (var (option, text) in builtIns) output.WriteLine($"  {option.PadRight(optionWidth)}{text}");
        output.WriteLine();
        output.WriteLine("Parameters also come from environment variables (KMS_KEY_ID, NUKE_KMS_KEY_ID) and .nuke/parameters.json.");
        output.Flush();
    }

    private static string Text(ParameterMember parameter) =>
        (parameter.Description ?? "") + (parameter.IsSecret ? " (secret)" : "");
}
