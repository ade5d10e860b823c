namespace Nuke.Common.CI;

/// <summary>What a CI-configuration generator may know of a build: its targets and parameters, nothing executable.</summary>
public sealed record BuildModel(string RootDirectory, IReadOnlyList<TargetInfo> Targets, IReadOnlyList<ParameterInfo> Parameters)
{
    public TargetInfo GetTarget(string name) =>
        Targets.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new BuildException($"The CI configuration names target '{name}', which the build does not define.",
            $"Use one of: {string.Join(", ", Targets.Select(t => t.Name))}.");
}

public sealed record TargetInfo(string Name, string? Description, IReadOnlyList<string> DependsOn, bool Unlisted)
{
    /// <summary>What the target declares with <c>Produces(...)</c>: globs relative to the root directory.</summary>
    public IReadOnlyList<string> Produces { get; init; } = [];
}

/// <summary>A [Parameter] member: <paramref name="Name"/> is the member name, <paramref name="CliName"/> its kebab-case option.</summary>
public sealed record ParameterInfo(string Name, string CliName, string? Description, bool IsSecret, Type Type);
