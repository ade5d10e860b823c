namespace Nuke.Common.CI;

/// <summary>
/// Put on the build class to declare a CI configuration file generated from the build's own targets.
/// The engine writes it on <c>--generate-configuration</c>, refreshes it on local runs, and on a server build
/// fails early when the committed file differs from what it would generate.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public abstract class ConfigurationAttributeBase : Attribute
{
    /// <summary>Path of the generated file, relative to the root directory (e.g. ".gitlab-ci.yml").</summary>
    public abstract string ConfigurationFile { get; }

    /// <summary>
    /// Files (relative to the root directory) besides the build whose presence or content the generated file depends
    /// on; a local run regenerates when one of them changes.
    /// </summary>
    public virtual IReadOnlyList<string> InputFiles => [];

    /// <summary>The complete file content. Must be deterministic: same model, same text.</summary>
    public abstract string Generate(BuildModel model);
}
