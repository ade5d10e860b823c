namespace Nuke.Common.Tooling;

public enum OutputType
{
    Std,
    Err,
}

/// <summary>One line a process printed, as Nuke's tasks return them.</summary>
public readonly record struct Output(OutputType Type, string Text);

public static class OutputExtensions
{
    public static string StdToText(this IEnumerable<Output> output) =>
        string.Join(Environment.NewLine, output.Where(o => o.Type == OutputType.Std).Select(o => o.Text));

    public static IReadOnlyCollection<Output> EnsureOnlyStd(this IReadOnlyCollection<Output> output) =>
        output.Any(o => o.Type == OutputType.Err)
            ? throw new BuildException($"The process printed to standard error: {output.First(o => o.Type == OutputType.Err).Text}")
            : output;

    internal static IReadOnlyCollection<Output> FromResult(ToolResult result) =>
        Lines(result.StandardOutput, OutputType.Std).Concat(Lines(result.StandardError, OutputType.Err)).ToList();

    private static IEnumerable<Output> Lines(string text, OutputType type) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Select(l => new Output(type, l));
}
