using System.ComponentModel;
using Nuke.Common.Tooling;

namespace Nuke.Common;

/// <summary>
/// The Configuration of Nuke 0.x builds, which came with Nuke.Common before the template shipped its own
/// Configuration.cs (a build's own class of that name, in the global namespace, takes precedence).
/// </summary>
[TypeConverter(typeof(TypeConverter<Configuration>))]
public class Configuration : Enumeration
{
    public static readonly Configuration Debug = new() { Value = nameof(Debug) };
    public static readonly Configuration Release = new() { Value = nameof(Release) };

    public static implicit operator string(Configuration configuration) => configuration.Value;
}
