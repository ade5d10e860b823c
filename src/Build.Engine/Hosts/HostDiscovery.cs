using System.Reflection;

namespace Nuke.Common.Hosts;

/// <summary>
/// The hosts the build and its libraries declare with <see cref="BuildHostAttribute"/>, and the one that is running.
/// The libraries asked are those the build assembly references, directly or through other libraries that build on
/// the engine (a host derives from <see cref="Host"/>, so its assembly references the engine). Only assembly
/// references are read (loading an assembly runs none of its code): no dependency manifest is parsed, because a JSON
/// reader's first use costs more start-up time than the rest of a --help.
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
        var hosts = new List<Host> { new Terminal() };
        var declared = new HashSet<Type>();
        foreach (var assembly in EngineDependents(buildAssembly))
            foreach (var attribute in assembly.GetCustomAttributes<BuildHostAttribute>())
                if (declared.Add(attribute.HostType))
                    hosts.Add(attribute.CreateHost());
        return hosts;
    }

    /// <summary>The build assembly, then every assembly reachable from it through references that build on the engine.</summary>
    private static List<Assembly> EngineDependents(Assembly? buildAssembly)
    {
        var found = new List<Assembly>();
        if (buildAssembly is null) return found;
        var engine = typeof(Host).Assembly.GetName().Name!;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { engine, buildAssembly.GetName().Name! };
        found.Add(buildAssembly);
        for (var next = 0; next < found.Count; next++)
            foreach (var reference in found[next].GetReferencedAssemblies())
            {
                if (reference.Name is not { } name || !seen.Add(name) || IsFramework(name)) continue;
                Assembly assembly;
                try { assembly = Assembly.Load(reference); }
                catch (Exception e) when (e is IOException or BadImageFormatException) { continue; }
                if (References(assembly, engine)) found.Add(assembly);
            }
        return found;
    }

    private static bool References(Assembly assembly, string name)
    {
        foreach (var reference in assembly.GetReferencedAssemblies())
            if (string.Equals(reference.Name, name, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    // The runtime's own assemblies never declare a build host; skipping them avoids loading them just to look.
    private static bool IsFramework(string name) =>
        name is "mscorlib" or "netstandard" or "System" || name.StartsWith("System.", StringComparison.Ordinal);
}
