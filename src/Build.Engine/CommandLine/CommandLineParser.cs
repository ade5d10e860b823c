namespace Nuke.Common.CommandLine;

/// <summary>
/// Parses Nuke's command line: words before the first option are targets; an option takes the words after it as values.
/// Option names match case-insensitively with dashes ignored.
/// </summary>
internal static class CommandLineParser
{
    public static CommandLineArguments Parse(IReadOnlyList<string> args)
    {
        var index = 0;
        var targets = new List<string>();
        for (; index < args.Count && !IsOption(args[index]); index++)
            targets.AddRange(SplitTargets(args[index]));

        var result = new CommandLineArguments();
        var parameters = new Dictionary<string, ParameterOption>();
        while (index < args.Count)
        {
            var spelling = args[index++];
            var values = new List<string>();
            for (; index < args.Count && !IsOption(args[index]); index++) values.Add(args[index]);
            var name = NameText.Normalize(spelling.TrimStart('-'));
            result = name switch
            {
                "help" or "h" or "?" => result with { Help = NoValue(spelling, values, true) },
                "plan" => result with { Plan = NoValue(spelling, values, true) },
                "nologo" => result with { NoLogo = NoValue(spelling, values, true) },
                "generateconfiguration" => result with { GenerateConfiguration = NoValue(spelling, values, true) },
                "target" => result with { Targets = [.. result.Targets, .. values.SelectMany(SplitTargets)] },
                "skip" => result with { Skip = [.. result.Skip ?? [], .. values.SelectMany(SplitTargets)] },
                "root" => result with { Root = Single(spelling, values, "a directory") },
                "host" => result with { Host = Single(spelling, values, "a host name") },
                "verbosity" => result with { Verbosity = ParseVerbosity(spelling, values) },
                "" => throw new BuildException($"'{spelling}' is not an option.", "Write options as --name value."),
                _ => result,
            };
            if (name is not ("help" or "h" or "?" or "plan" or "nologo" or "generateconfiguration" or "target" or "skip" or "root" or "host" or "verbosity"))
                parameters[name] = new ParameterOption(spelling, values);
        }
        return result with { Targets = [.. targets, .. result.Targets], ParameterOptions = parameters };
    }

    // "-1" is a value, "-h" and "--name" are options.
    private static bool IsOption(string arg) => arg.Length > 1 && arg[0] == '-' && !char.IsDigit(arg[1]);

    private static IEnumerable<string> SplitTargets(string value) => value.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool NoValue(string spelling, List<string> values, bool result) =>
        values.Count == 0 ? result
            : throw new BuildException($"Option {spelling} takes no value, but got '{string.Join(" ", values)}'.",
                "Put targets before the first option, e.g. ./build.sh Test --verbosity verbose.");

    private static string Single(string spelling, List<string> values, string what) =>
        values.Count == 1 ? values[0] : throw new BuildException($"Option {spelling} needs exactly one value ({what}).", $"Write {spelling} <value>.");

    private static Verbosity ParseVerbosity(string spelling, List<string> values)
    {
        var text = Single(spelling, values, "quiet, minimal, normal or verbose");
        return Enum.TryParse<Verbosity>(text, ignoreCase: true, out var verbosity) && Enum.IsDefined(verbosity)
            ? verbosity
            : throw new BuildException($"Unknown verbosity '{text}'.", "Use --verbosity quiet, minimal, normal or verbose.");
    }
}
