using System.Reflection;

namespace Build.Engine.Hosts;

/// <summary>
/// Finds Host subclasses in the build assembly and in the assemblies it references that themselves reference
/// Build.Engine (so System.*, Serilog and friends are never scanned), and picks the running one.
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
        var engine = typeof(Host).Assembly;
        var engineName = engine.GetName().Name;
        var assemblies = new List<Assembly> { engine };
        if (buildAssembly is not null && buildAssembly != engine)
        {
            assemblies.Add(buildAssembly);
            foreach (var reference in buildAssembly.GetReferencedAssemblies())
            {
                if (reference.Name == engineName || IsFramework(reference.Name)) continue;
                Assembly loaded;
                try { loaded = Assembly.Load(reference); }
                catch (IOException) { continue; }
                if (loaded.GetReferencedAssemblies().Any(r => r.Name == engineName)) assemblies.Add(loaded);
            }
        }

        var hosts = new List<Host>();
        foreach (var assembly in assemblies)
            foreach (var type in assembly.GetExportedTypes())
                if (type.IsSubclassOf(typeof(Host)) && !type.IsAbstract && type.GetConstructor(Type.EmptyTypes) is not null)
                    hosts.Add((Host)Activator.CreateInstance(type)!);
        return hosts;
    }

    private static bool IsFramework(string? name) =>
        name is null || name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft", StringComparison.Ordinal)
        || name is "netstandard" or "mscorlib" or "Serilog" or "CliWrap";
}
