namespace Nuke.Common.IO;

/// <summary>
/// The static file helpers Nuke builds before 7.0 import with <c>using static Nuke.Common.IO.FileSystemTasks;</c>
/// (<c>EnsureCleanDirectory(ArtifactsDirectory)</c>, <c>.ForEach(DeleteDirectory)</c>); they forward to <see cref="AbsolutePathExtensions"/>.
/// </summary>
public static class FileSystemTasks
{
    public static bool FileExists(AbsolutePath path) => path.FileExists();

    public static bool DirectoryExists(AbsolutePath path) => path.DirectoryExists();

    public static void EnsureExistingDirectory(string directory) => Directory.CreateDirectory(directory);

    public static void EnsureExistingParentDirectory(string file) => ToPath(file).CreateParentDirectory();

    public static void EnsureCleanDirectory(string directory) => ToPath(directory).CreateOrCleanDirectory();

    public static void EnsureCleanDirectories(IEnumerable<string> directories)
    {
        foreach (var directory in directories) EnsureCleanDirectory(directory);
    }

    public static void DeleteDirectory(AbsolutePath directory) => directory.DeleteDirectory();

    public static void DeleteDirectory(string directory) => ToPath(directory).DeleteDirectory();

    public static void DeleteFile(AbsolutePath file) => file.DeleteFile();

    public static void DeleteFile(string file) => ToPath(file).DeleteFile();

    public static void CopyFile(string source, string target, FileExistsPolicy policy = FileExistsPolicy.Fail, bool createDirectories = true) =>
        ToPath(source).Copy(ToPath(target), Map(policy));

    public static void CopyFileToDirectory(string source, string targetDirectory, FileExistsPolicy policy = FileExistsPolicy.Fail, bool createDirectories = true) =>
        ToPath(source).CopyToDirectory(ToPath(targetDirectory), Map(policy));

    public static void MoveFile(string source, string target, FileExistsPolicy policy = FileExistsPolicy.Fail, bool createDirectories = true) =>
        ToPath(source).Move(ToPath(target), Map(policy));

    public static void CopyDirectoryRecursively(string source, string target, DirectoryExistsPolicy directoryPolicy = DirectoryExistsPolicy.Fail,
        FileExistsPolicy filePolicy = FileExistsPolicy.Fail)
    {
        if (Directory.Exists(target) && directoryPolicy == DirectoryExistsPolicy.Fail) throw new IOException($"{target} exists already.");
        ToPath(source).Copy(ToPath(target), Map(filePolicy));
    }

    public static void Touch(string path, DateTime? time = null, bool createDirectories = true) => ToPath(path).TouchFile(time);

    private static AbsolutePath ToPath(string path) => AbsolutePath.Create(Path.GetFullPath(path));

    private static ExistsPolicy Map(FileExistsPolicy policy) => policy switch
    {
        FileExistsPolicy.Skip => ExistsPolicy.Skip,
        FileExistsPolicy.Overwrite or FileExistsPolicy.OverwriteIfNewer => ExistsPolicy.Overwrite,
        _ => ExistsPolicy.Fail,
    };
}

public enum FileExistsPolicy
{
    Fail,
    Skip,
    Overwrite,
    OverwriteIfNewer,
}

public enum DirectoryExistsPolicy
{
    Fail,
    Merge,
}
