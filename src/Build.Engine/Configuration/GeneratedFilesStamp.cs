using System.Reflection;
using System.IO.Hashing;
using System.Text;
using Nuke.Common.IO;

namespace Nuke.Common.CI;

/// <summary>
/// Decides from a hash whether a local run must regenerate <c>.nuke/build.schema.json</c> and the CI files, so a run
/// whose build and files are as they were last time generates nothing. The hash covers what the files are made from
/// (the module version ids of the build assembly and of every assembly declaring its targets, parameters and
/// configuration attributes: a recompiled build changes them) and the files' current bytes (a hand edit, a checkout or
/// a deleted file counts as a change). Kept in <c>.nuke/temp/generated-files.stamp</c>.
/// </summary>
internal sealed class GeneratedFilesStamp(AbsolutePath stampFile, string inputs, IReadOnlyList<AbsolutePath> files)
{
    public static GeneratedFilesStamp Create(Type buildType, AbsolutePath rootDirectory, AbsolutePath temporaryDirectory, IReadOnlyList<AbsolutePath> files)
    {
        var assemblies = new HashSet<Assembly> { buildType.Assembly, typeof(GeneratedFilesStamp).Assembly };
        foreach (var type in buildType.GetInterfaces()) assemblies.Add(type.Assembly);
        for (var type = buildType.BaseType; type is not null; type = type.BaseType) assemblies.Add(type.Assembly);
        foreach (var attribute in buildType.GetCustomAttributesData()) assemblies.Add(attribute.AttributeType.Assembly);
        var inputs = new StringBuilder().Append(rootDirectory).Append('\n');
        foreach (var id in assemblies.Select(a => a.ManifestModule.ModuleVersionId.ToString("N")).Order(StringComparer.Ordinal))
            inputs.Append(id).Append('\n');
        return new GeneratedFilesStamp(temporaryDirectory / "generated-files.stamp", inputs.ToString(), files);
    }

    public bool IsCurrent => stampFile.FileExists() && File.ReadAllText(stampFile) == Compute();

    /// <summary>Records the files as they are now (after generating them).</summary>
    public void Save()
    {
        stampFile.Parent!.CreateDirectory();
        File.WriteAllText(stampFile, Compute());
    }

    private string Compute()
    {
        // A change detector, not a signature: XxHash64 needs no OpenSSL, whose loading costs a warm run milliseconds,
        // and is plain scalar code that ReadyToRun precompiles (XxHash128's vector code is compiled at run time).
        var hash = new XxHash64();
        hash.Append(Encoding.UTF8.GetBytes(inputs));
        foreach (var file in files)
        {
            hash.Append(Encoding.UTF8.GetBytes(file + "\n"));
            hash.Append(file.FileExists() ? XxHash64.Hash(File.ReadAllBytes(file)) : [0]);
        }
        return Convert.ToHexString(hash.GetCurrentHash());
    }
}
