using System.Reflection;

namespace Nuke.Common.Hosts;

/// <summary>
/// Finds Host subclasses in the build assembly and in the assemblies it references, directly or through other such
/// assemblies, that themselves reference Nuke.Common (so System.*, Serilog and friends are never scanned), and picks the running one.
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
            // Follows references through assemblies that build on the engine, so a host in a package the build uses only
            // through components (Build -> Nuke.Components -> Nuke.Common.CI.GitLab) is still found.
            assemblies.Add(buildAssembly);
            var seen = new HashSet<string>(StringComparer.Ordinal) { engineName!, buildAssembly.GetName().Name! };
            for (var i = 1; i < assemblies.Count; i++)
                foreach (var reference in assemblies[i].GetReferencedAssemblies())
                {
                    if (IsFramework(reference.Name) || !seen.Add(reference.Name!) || ReferencesEngineOnDisk(reference, engineName!) is false) continue;
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

    /// <summary>
    /// Whether the assembly file beside the build references the engine, read from its metadata without loading it (so
    /// AWSSDK, YamlDotNet and friends are not loaded just to be skipped); null when there is no such file.
    /// </summary>
    private static bool? ReferencesEngineOnDisk(AssemblyName reference, string engineName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, reference.Name + ".dll");
        if (!File.Exists(path)) return null;
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
            var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            return metadata.AssemblyReferences.Any(handle => metadata.StringComparer.Equals(metadata.GetAssemblyReference(handle).Name, engineName));
        }
        catch (BadImageFormatException)
        {
            return null;
        }
    }

    private static bool IsFramework(string? name) =>
        name is null || name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft", StringComparison.Ordinal)
        || name is "netstandard" or "mscorlib" or "Serilog" or "CliWrap";
}
