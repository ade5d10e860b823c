namespace Nuke.Common;

/// <summary>
/// Marks a field or property as a build parameter: set from the command line (<c>--kebab-case</c>), the environment
/// (member name, UPPER_SNAKE or NUKE_ prefix, case-insensitive) or <c>.nuke/parameters.json</c>, in that order.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string? description = null) : Attribute
{
    public string? Description { get; } = description;

    /// <summary>Overrides the member name as the parameter's name.</summary>
    public string? Name { get; set; }

    /// <summary>Splits text values of arrays and maps; default: commas and whitespace.</summary>
    public char? Separator { get; set; }
}

/// <summary>The parameter's value is a secret: it is masked as [REDACTED] in everything the build prints.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
