using System.IO.Hashing;
using System.Text;

namespace GitLabRelease.Versioning;

/// <summary>
/// GitVersion results stored by a key over everything the version depends on: HEAD's commit and branch, every
/// ref (loose or packed), the GitVersion configuration, the tool build and the pipeline inputs. GitVersion's
/// own cache misses packed refs, which is why it is bypassed (<c>/nocache</c>) and this one used instead.
/// </summary>
internal sealed class VersionCache(string directory)
{
    private const int KeepFiles = 32;
    private static readonly string[] ConfigFileNames = ["GitVersion.yml", "GitVersion.yaml", ".GitVersion.yml", ".GitVersion.yaml"];

    public static string ComputeKey(GitState state, string? branch, string toolPath, GitVersionRequest request)
    {
        var text = new StringBuilder();
        text.Append("v1\n");
        text.Append("head ").Append(state.HeadSha).Append(' ').Append(branch).Append('\n');
        text.Append("tag ").Append(request.Tag).Append('\n');
        text.Append("tag-prefix ").Append(request.TagPrefixPattern).Append('\n');
        // In name order. The names are sorted as strings: a sorted collection of pairs costs the runtime a JIT of the
        // whole collection on every run (ReadyToRun cannot precompile framework generics over value types).
        var names = state.Refs.Keys.ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        foreach (var name in names) text.Append(state.Refs[name]).Append(' ').Append(name).Append('\n');
        foreach (var file in ConfigFileNames)
        {
            var path = Path.Combine(state.TopLevel, file);
            if (File.Exists(path)) text.Append("config ").Append(file).Append('\n').Append(File.ReadAllText(path)).Append('\n');
        }
        var tool = new FileInfo(toolPath);
        text.Append("tool ").Append(tool.FullName).Append(' ').Append(tool.Length).Append(' ').Append(tool.LastWriteTimeUtc.Ticks).Append('\n');
        // A change detector, not a signature: XxHash64 needs no OpenSSL, whose loading costs a warm run milliseconds,
        // and is plain scalar code that ReadyToRun precompiles (XxHash128's vector code is compiled at run time).
        return Convert.ToHexStringLower(XxHash64.Hash(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public string? TryRead(string key)
    {
        var path = PathFor(key);
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Write(string key, string json)
    {
        Directory.CreateDirectory(directory);
        // Write then rename, so a concurrent reader never sees half a file.
        var temporary = PathFor(key) + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temporary, json);
        File.Move(temporary, PathFor(key), overwrite: true);
        Prune();
    }

    private string PathFor(string key) => Path.Combine(directory, key + ".json");

    private void Prune()
    {
        var stale = new DirectoryInfo(directory).GetFiles("*.json")
            .OrderByDescending(f => f.LastWriteTimeUtc).Skip(KeepFiles);
        foreach (var file in stale)
        {
            try { file.Delete(); } catch (IOException) { /* another build may be reading it; next run prunes */ }
        }
    }
}
