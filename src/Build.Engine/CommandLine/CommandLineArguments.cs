namespace Nuke.Common.CommandLine;

public enum Verbosity
{
    Quiet,
    Minimal,
    Normal,
    Verbose,
}

/// <summary>An option the built-ins do not know; the runner matches it against the build's parameters.</summary>
internal sealed record ParameterOption(string Spelling, IReadOnlyList<string> Values);

/// <summary>The command line, parsed; built-in options typed, the rest kept for parameter injection.</summary>
internal sealed record CommandLineArguments
{
    public IReadOnlyList<string> Targets { get; init; } = [];
    /// <summary>Null when --skip was not given; empty when given without targets (skip all but the invoked ones).</summary>
    public IReadOnlyList<string>? Skip { get; init; }
    public bool Help { get; init; }
    public bool Plan { get; init; }
    public string? Root { get; init; }
    public Verbosity Verbosity { get; init; } = Verbosity.Normal;
    public bool NoLogo { get; init; }
    public string? Host { get; init; }
    public bool GenerateConfiguration { get; init; }
    /// <summary>Keyed by normalized name (lower case, no dashes).</summary>
    public IReadOnlyDictionary<string, ParameterOption> ParameterOptions { get; init; } = new Dictionary<string, ParameterOption>();
}
