using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Nuke.Common.IO;

namespace Nuke.Common.Tools.DotNet;

/// <summary>A class of a test assembly and how many of its own methods carry a test attribute.</summary>
public sealed record TestClass(string FullName, int Tests);

/// <summary>
/// The test classes of a built test project, read from its assembly's metadata: nothing is loaded and no test host
/// starts, so a test job can split a large project between its copies before running anything. The attribute names
/// are a heuristic (xUnit's, NUnit's and MSTest's, and attributes derived from them in the assembly itself); a class it
/// misses still runs, in the share that runs the project's other tests (see <see cref="TestPartition"/>).
/// </summary>
public static class TestInventory
{
    private static readonly string[] Exact = ["Test", "TestCase", "TestCaseSource"];
    private static readonly string[] Suffixes = ["Fact", "Theory", "TestMethod"];

    /// <summary>
    /// The classes of <c>bin/&lt;configuration&gt;/&lt;framework&gt;/&lt;project name&gt;.dll</c> (the newest when the
    /// project targets several frameworks); null when there is no such assembly (another output path or assembly name)
    /// or it cannot be read, which leaves the project whole.
    /// </summary>
    public static IReadOnlyList<TestClass>? Read(AbsolutePath project, string configuration)
    {
        var bin = project.Parent! / "bin" / configuration;
        if (!bin.DirectoryExists()) return null;
        var assembly = Directory.GetDirectories(bin)
            .Select(framework => Path.Combine(framework, project.NameWithoutExtension + ".dll"))
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
        if (assembly is null) return null;
        try
        {
            using var stream = File.OpenRead(assembly);
            using var pe = new PEReader(stream);
            return pe.HasMetadata ? Classes(pe.GetMetadataReader()) : null;
        }
        catch (Exception e) when (e is BadImageFormatException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static List<TestClass> Classes(MetadataReader metadata)
    {
        var classes = new List<TestClass>();
        foreach (var handle in metadata.TypeDefinitions)
        {
            var type = metadata.GetTypeDefinition(handle);
            var visibility = type.Attributes & TypeAttributes.VisibilityMask;
            if (visibility is not (TypeAttributes.Public or TypeAttributes.NestedPublic)
                || (type.Attributes & TypeAttributes.Abstract) != 0
                || type.GetGenericParameters().Count > 0)
                continue;
            var tests = 0;
            foreach (var methodHandle in type.GetMethods())
            {
                var method = metadata.GetMethodDefinition(methodHandle);
                if ((method.Attributes & MethodAttributes.MemberAccessMask) != MethodAttributes.Public) continue;
                foreach (var attribute in method.GetCustomAttributes())
                    if (IsTestAttribute(metadata, metadata.GetCustomAttribute(attribute).Constructor))
                    {
                        tests++;
                        break;
                    }
            }
            if (tests > 0) classes.Add(new TestClass(FullName(metadata, type), tests));
        }
        return classes;
    }

    private static bool IsTestAttribute(MetadataReader metadata, EntityHandle constructor)
    {
        EntityHandle type = constructor.Kind switch
        {
            HandleKind.MemberReference => metadata.GetMemberReference((MemberReferenceHandle)constructor).Parent,
            HandleKind.MethodDefinition => metadata.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType(),
            _ => default,
        };
        // An attribute defined in the test assembly is followed to its base ([Flaky] deriving from [Fact]).
        for (var depth = 0; depth < 8 && !type.IsNil; depth++)
        {
            switch (type.Kind)
            {
                case HandleKind.TypeReference:
                    return IsTestAttributeName(metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)type).Name));
                case HandleKind.TypeDefinition:
                    var definition = metadata.GetTypeDefinition((TypeDefinitionHandle)type);
                    if (IsTestAttributeName(metadata.GetString(definition.Name))) return true;
                    type = definition.BaseType;
                    break;
                default:
                    return false;
            }
        }
        return false;
    }

    private static bool IsTestAttributeName(string name)
    {
        var bare = name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
        return Exact.Contains(bare, StringComparer.Ordinal) || Suffixes.Any(s => bare.EndsWith(s, StringComparison.Ordinal));
    }

    /// <summary>The name test frameworks report (Type.FullName): <c>Namespace.Outer+Inner</c>.</summary>
    private static string FullName(MetadataReader metadata, TypeDefinition type)
    {
        var name = metadata.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        if (!declaring.IsNil) return FullName(metadata, metadata.GetTypeDefinition(declaring)) + "+" + name;
        var space = metadata.GetString(type.Namespace);
        return space.Length == 0 ? name : space + "." + name;
    }
}
