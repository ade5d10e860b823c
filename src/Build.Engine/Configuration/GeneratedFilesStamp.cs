using System.IO.Hashing;
using System.Reflection;
using System.Text;
using Nuke.Common.IO;

namespace Nuke.Common.CI;

/// <summary>
/// Decides whether a local run must regenerate <c>.nuke/build.schema.json</c> and the CI files, so a run whose build
/// and files are as they were last time generates nothing. It compares what the files are made from (the module
/// version ids of the build assembly and of every assembly declaring its targets, parameters and configuration
/// attributes: a recompiled build changes them) and the files themselves (a hand edit, a checkout or a deleted file
/// counts as a change). Kept in <c>.nuke/temp/generated-files.stamp</c>: the inputs, a hash of the files' bytes, and
/// each file's length and modification time. When those stats are as recorded the files are not read at all (reading
/// and hashing them was a millisecond or two of every local run); when one differs, the hash decides, and a match
/// records the new stats.
/// </summary>
internal sealed class GeneratedFilesStamp(AbsolutePath stampFile, string inputs, IReadOnlyList<AbsolutePath> files)
{
    private const string FilesLine = "files";

    public static GeneratedFilesStamp Create(Type buildType, IEnumerable<Type> configurationAttributes, AbsolutePath rootDirectory,
        AbsolutePath temporaryDirectory, IReadOnlyList<AbsolutePath> files)
    {
        var assemblies = new HashSet<Assembly> { buildType.Assembly, typeof(GeneratedFilesStamp).Assembly };
        foreach (var type in buildType.GetInterfaces()) assemblies.Add(type.Assembly);
        for (var type = buildType.BaseType; type is not null; type = type.BaseType) assemblies.Add(type.Assembly);
        foreach (var attribute in configurationAttributes) assemblies.Add(attribute.Assembly);
        var ids = new List<string>();
        foreach (var assembly in assemblies) ids.Add(assembly.ManifestModule.ModuleVersionId.ToString("N"));
        ids.Sort(StringComparer.Ordinal);
        var text = new StringBuilder().Append(rootDirectory).Append('\n');
        foreach (var id in ids) text.Append(id).Append('\n');
        return new GeneratedFilesStamp(temporaryDirectory / "generated-files.stamp", text.ToString(), files);
    }

    public bool IsCurrent
    {
        get
        {
            if (!stampFile.FileExists()) return false;
            var recorded = File.ReadAllText(stampFile);
            var sections = Sections(recorded);
            var stats = Stats();
            if (recorded == Text(sections?.Hash ?? "", stats)) return true;
            var hash = ContentHash();
            if (recorded != Text(hash, sections?.Stats ?? "")) return false;
            // Touched, not changed: the next run takes the stats again.
            Write(Text(hash, stats));
            return true;
        }
    }

    /// <summary>Records the files as they are now (after generating them).</summary>
    public void Save() => Write(Text(ContentHash(), Stats()));

    private void Write(string text)
    {
        stampFile.Parent!.CreateDirectory();
        File.WriteAllText(stampFile, text);
    }

    private string Text(string hash, string stats) => inputs + FilesLine + "\n" + hash + "\n" + stats;

    /// <summary>The recorded hash and stats, or null for a stamp of another form (an older one reads as stale once).</summary>
    private static (string Hash, string Stats)? Sections(string recorded)
    {
        var files = recorded.IndexOf("\n" + FilesLine + "\n", StringComparison.Ordinal);
        if (files < 0) return null;
        var start = files + FilesLine.Length + 2;
        var end = recorded.IndexOf('\n', start);
        return end < 0 ? null : (recorded[start..end], recorded[(end + 1)..]);
    }

    private string Stats()
    {
        var text = new StringBuilder();
        foreach (var file in files)
        {
            var info = new FileInfo(file);
            if (info.Exists) text.Append(info.Length).Append(' ').Append(info.LastWriteTimeUtc.Ticks);
            else text.Append('-');
            text.Append(' ').Append(file).Append('\n');
        }
        return text.ToString();
    }

    private string ContentHash()
    {
        // A change detector, not a signature: XxHash64 needs no OpenSSL, whose loading costs a warm run milliseconds,
        // and is plain scalar code that ReadyToRun precompiles (XxHash128's vector code is compiled at run time).
        var hash = new XxHash64();
        foreach (var file in files)
        {
            hash.Append(Encoding.UTF8.GetBytes(file + "\n"));
            hash.Append(file.FileExists() ? XxHash64.Hash(File.ReadAllBytes(file)) : [0]);
        }
        return Convert.ToHexString(hash.GetCurrentHash());
    }
}
