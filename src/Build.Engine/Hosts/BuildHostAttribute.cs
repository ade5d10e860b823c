namespace Nuke.Common.Hosts;

/// <summary>
/// Declares a <see cref="Host"/> an assembly provides, e.g. <c>[assembly: BuildHost&lt;GitLab&gt;]</c>.
/// The engine reads it from the build assembly and from the libraries the build builds on.
/// </summary>
public abstract class BuildHostAttribute : Attribute
{
    private protected BuildHostAttribute() { }

    public abstract Type HostType { get; }

    internal abstract Host CreateHost();
}

/// <summary>
/// The generic form keeps start-up cheap: a <c>typeof</c> argument is stored as a type name that the runtime parses
/// when the attribute is read (milliseconds on first use), a type argument is a metadata token.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class BuildHostAttribute<T> : BuildHostAttribute where T : Host, new()
{
    public override Type HostType => typeof(T);

    internal override Host CreateHost() => new T();
}
