namespace Nuke.Common.Hosts;

/// <summary>
/// Declares a <see cref="Host"/> an assembly provides, e.g. <c>[assembly: BuildHost(typeof(GitLab))]</c>.
/// The engine reads it from the build assembly and from the libraries the build depends on that build on the engine.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class BuildHostAttribute(Type hostType) : Attribute
{
    public Type HostType { get; } = hostType;
}
