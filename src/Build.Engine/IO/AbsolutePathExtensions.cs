using System.Text;

namespace Nuke.Common.IO;

/// <summary>Nuke 7+'s file-system helpers on <see cref="AbsolutePath"/>: create, clean, delete, read, write, copy, move.</summary>
public static class AbsolutePathExtensions
{
    /// <summary>Creates the directory if needed and deletes everything inside it (the directory itself stays).</summary>
    public static AbsolutePath CreateOrCleanDirectory(this AbsolutePath directory)
    {
        if (directory.DirectoryExists())
        {
            foreach (var file in Directory.EnumerateFiles(directory)) DeleteReadOnly(file);
            foreach (var child in Directory.EnumerateDirectories(directory)) AbsolutePath.Create(child).DeleteDirectory();
        }
        else directory.CreateDirectory();
        return directory;
    }

    public static AbsolutePath CreateParentDirectory(this AbsolutePath path)
    {
        path.Parent?.CreateDirectory();
        return path;
    }

    /// <summary>Deletes the directory and its content; nothing happens when it does not exist.</summary>
    public static void DeleteDirectory(this AbsolutePath directory)
    {
        if (!directory.DirectoryExists()) return;
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)) File.SetAttributes(file, FileAttributes.Normal);
        Directory.Delete(directory, recursive: true);
    }

    public static void DeleteDirectories(this IEnumerable<AbsolutePath> directories)
    {
        foreach (var directory in directories) directory.DeleteDirectory();
    }

    /// <summary>Deletes the file; nothing happens when it does not exist.</summary>
    public static void DeleteFile(this AbsolutePath file)
    {
        if (file.FileExists()) DeleteReadOnly(file);
    }

    public static void DeleteFiles(this IEnumerable<AbsolutePath> files)
    {
        foreach (var file in files) file.DeleteFile();
    }

    public static string[] ReadAllLines(this AbsolutePath file) => File.ReadAllLines(file);

    public static byte[] ReadAllBytes(this AbsolutePath file) => File.ReadAllBytes(file);

    /// <summary>Writes the lines (creating the directory), each ending in a line break.</summary>
    public static AbsolutePath WriteAllLines(this AbsolutePath file, IEnumerable<string> lines, Encoding? encoding = null)
    {
        file.CreateParentDirectory();
        File.WriteAllLines(file, lines, encoding ?? new UTF8Encoding(false));
        return file;
    }

    public static AbsolutePath WriteAllBytes(this AbsolutePath file, byte[] bytes)
    {
        file.CreateParentDirectory();
        File.WriteAllBytes(file, bytes);
        return file;
    }

    public static AbsolutePath TouchFile(this AbsolutePath file, DateTime? time = null)
    {
        file.CreateParentDirectory();
        if (!file.FileExists()) File.WriteAllBytes(file, []);
        File.SetLastWriteTimeUtc(file, time ?? DateTime.UtcNow);
        return file;
    }

    public static AbsolutePath Copy(this AbsolutePath source, AbsolutePath target, ExistsPolicy policy = ExistsPolicy.Fail)
    {
        if (source.DirectoryExists()) CopyDirectory(source, target, policy);
        else
        {
            if (target.FileExists() && policy == ExistsPolicy.Fail) throw new IOException($"{target} exists already.");
            if (target.FileExists() && policy == ExistsPolicy.Skip) return target;
            target.CreateParentDirectory();
            File.Copy(source, target, overwrite: true);
        }
        return target;
    }

    public static AbsolutePath CopyToDirectory(this AbsolutePath source, AbsolutePath directory, ExistsPolicy policy = ExistsPolicy.Fail) =>
        source.Copy(directory / source.Name, policy);

    public static AbsolutePath Move(this AbsolutePath source, AbsolutePath target, ExistsPolicy policy = ExistsPolicy.Fail)
    {
        target.CreateParentDirectory();
        var overwrite = policy == ExistsPolicy.Overwrite;
        if (source.DirectoryExists())
        {
            if (target.DirectoryExists() && overwrite) target.DeleteDirectory();
            Directory.Move(source, target);
        }
        else File.Move(source, target, overwrite);
        return target;
    }

    public static AbsolutePath MoveToDirectory(this AbsolutePath source, AbsolutePath directory, ExistsPolicy policy = ExistsPolicy.Fail) =>
        source.Move(directory / source.Name, policy);

    public static IEnumerable<AbsolutePath> GetFiles(this AbsolutePath directory, string pattern = "*", int depth = 1) =>
        directory.DirectoryExists()
            ? Directory.EnumerateFiles(directory, pattern, depth > 1 ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly).Select(AbsolutePath.Create)
            : [];

    public static IEnumerable<AbsolutePath> GetDirectories(this AbsolutePath directory, string pattern = "*", int depth = 1) =>
        directory.DirectoryExists()
            ? Directory.EnumerateDirectories(directory, pattern, depth > 1 ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly).Select(AbsolutePath.Create)
            : [];

    /// <summary>True when <paramref name="other"/> is this directory or inside it.</summary>
    public static bool Contains(this AbsolutePath directory, AbsolutePath other) =>
        other == directory || PathConstruction.IsDescendantPath(directory, other);

    public static FileInfo ToFileInfo(this AbsolutePath file) => new(file);

    public static DirectoryInfo ToDirectoryInfo(this AbsolutePath directory) => new(directory);

    private static void DeleteReadOnly(string file)
    {
        File.SetAttributes(file, FileAttributes.Normal);
        File.Delete(file);
    }

    private static void CopyDirectory(AbsolutePath source, AbsolutePath target, ExistsPolicy policy)
    {
        target.CreateDirectory();
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            AbsolutePath.Create(file).Copy(target / Path.GetRelativePath(source, file), policy == ExistsPolicy.Fail ? ExistsPolicy.Fail : policy);
    }
}

/// <summary>What a copy or move does when the target exists (Nuke's names).</summary>
public enum ExistsPolicy
{
    Fail,
    Skip,
    Overwrite,
    MergeAndOverwrite = Overwrite,
}
