namespace Nuke.Common;

/// <summary>
/// Values one target hands to later ones in the same run, keyed by type. Components (interfaces) have no fields,
/// so e.g. DecryptDeployKey stores the key here and Push reads it.
/// </summary>
public sealed class BuildState
{
    private readonly Dictionary<Type, object> _values = [];

    public void Set<T>(T value) where T : class
    {
        lock (_values) _values[typeof(T)] = value;
    }

    public T? Get<T>() where T : class
    {
        lock (_values) return _values.GetValueOrDefault(typeof(T)) as T;
    }

    public T GetRequired<T>(string producedBy) where T : class =>
        Get<T>() ?? throw new BuildException($"No {typeof(T).Name} was produced in this run.", $"Run {producedBy} first (add it with DependsOn).");
}
