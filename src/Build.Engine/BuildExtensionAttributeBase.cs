namespace Nuke.Common.Execution;

/// <summary>
/// An attribute on the build class that takes part in the build's lifecycle (Nuke's build extensions, e.g.
/// <c>[ShutdownDotNetAfterServerBuild]</c>). The runner calls each at the point Nuke does.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public abstract class BuildExtensionAttributeBase : Attribute
{
    /// <summary>Right after the build object was constructed, before parameters are injected.</summary>
    public virtual void OnBuildCreated(NukeBuild build) { }

    /// <summary>After parameters and values were injected, before requirements are checked and targets run.</summary>
    public virtual void OnBuildInitialized(NukeBuild build) { }

    /// <summary>After the last target, whatever happened; <paramref name="succeeded"/> tells how it went.</summary>
    public virtual void OnBuildFinished(NukeBuild build, bool succeeded) { }
}
