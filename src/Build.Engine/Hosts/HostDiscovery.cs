using System.Reflection;
using System.Text.Json;

namespace Nuke.Common.Hosts;

/// <summary>
/// The hosts the build and its libraries declare with <see cref="BuildHostAttribute"/>, and the one that is running.
/// Which libraries to ask comes from the application's dependency manifest (<c>*.deps.json</c>): only those that
/// depend on the engine are loaded, so AWSSDK, YamlDotNet and friends are never loaded just to be skipped.
/// </summary>
internal static class HostDiscovery
{
    public static Host Detect(Assembly? buildAssembly, Func<string, string?> environment, string? requested)
    {
        var hosts = Discover(buildAssembly);
        if (requested is not null)
        {
            var wanted = CommandLine.NameText.Normalize(requested);
            return hosts.FirstOrDefault(h => CommandLine.NameText.Normalize(h.Name) == wanted)
                ?? throw new BuildException($"Host '{requested}' does not exist.", $"Use --host with one of: {string.Join(", ", hosts.Select(h => h.Name))}.");
        }
        return hosts.FirstOrDefault(h => h is not Terminal && h.IsRunning(environment)) ?? new Terminal();
    }

    public static IReadOnlyList<Host> Discover(Assembly? buildAssembly)
    {
        var assemblies = new List<Assembly>();
        if (buildAssembly is not null) assemblies.Add(buildAssembly);
        foreach (var name in EngineDependents())
        {
            try { assemblies.Add(Assembly.Load(name)); }
            catch (IOException) { }
        }

        var hosts = new List<Host> { new Terminal() };
        foreach (var type in assemblies.Distinct().SelectMany(a => a.GetCustomAttributes<BuildHostAttribute>()).Select(a => a.HostType).Distinct())
        {
            if (!type.IsSubclassOf(typeof(Host)) || type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
                throw new BuildException($"[assembly: BuildHost(typeof({type.Name}))] does not name a host.",
                    $"Declare a non-abstract subclass of {nameof(Host)} with a public parameterless constructor.");
            hosts.Add((Host)Activator.CreateInstance(type)!);
        }
        return hosts;
    }

    /// <summary>The assemblies of the libraries in the dependency manifest that depend, directly or not, on the engine.</summary>
    private static IEnumerable<AssemblyName> EngineDependents()
    {
        if ((AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string)?.Split(';').FirstOrDefault() is not { Length: > 0 } file
            || !File.Exists(file))
            return [];
        using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        if (!document.RootElement.TryGetProperty("targets", out var targets)) return [];
        var libraries = new Dictionary<string, (string[] Dependencies, string[] Assemblies)>(StringComparer.OrdinalIgnoreCase);
        foreach (var target in targets.EnumerateObject())
            foreach (var library in target.Value.EnumerateObject())
            {
                var name = library.Name.Split('/')[0];
                string[] dependencies = library.Value.TryGetProperty("dependencies", out var d) ? [.. d.EnumerateObject().Select(p => p.Name)] : [];
                string[] files = library.Value.TryGetProperty("runtime", out var r)
                    ? [.. r.EnumerateObject().Select(p => p.Name).Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))]
                    : [];
                libraries.TryAdd(name, (dependencies, files));
            }

        var engineFile = typeof(Host).Assembly.GetName().Name + ".dll";
        var dependents = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        bool DependsOnEngine(string name)
        {
            if (dependents.TryGetValue(name, out var known)) return known;
            dependents[name] = false; // guards against cycles
            return dependents[name] = libraries.TryGetValue(name, out var library)
                && !library.Assemblies.Any(a => Path.GetFileName(a).Equals(engineFile, StringComparison.OrdinalIgnoreCase))
                && library.Dependencies.Any(d => IsEngine(d) || DependsOnEngine(d));
        }
        bool IsEngine(string name) => libraries.TryGetValue(name, out var library)
            && library.Assemblies.Any(a => Path.GetFileName(a).Equals(engineFile, StringComparison.OrdinalIgnoreCase));

        return libraries.Keys.Where(DependsOnEngine)
            .SelectMany(name => libraries[name].Assemblies)
            .Select(a => new AssemblyName(Path.GetFileNameWithoutExtension(a)))
            .ToList();
    }
}
