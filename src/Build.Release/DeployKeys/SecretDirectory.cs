using Nuke.Common;

namespace GitLabRelease.DeployKeys;

/// <summary>
/// A fresh 0700 directory outside the work tree for secret files (a private key, an ID token), so that
/// nothing secret can be committed, cached by CI or packed into artifacts. Disposal deletes it.
/// </summary>
public sealed class SecretDirectory : IAsyncDisposable, IDisposable
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private SecretDirectory(string path) => Path = path;

    public string Path { get; }

    /// <summary>tmpfs first: a secret in RAM never reaches a disk, even if cleanup is skipped by SIGKILL.</summary>
    public static IReadOnlyList<string> DefaultCandidates(Func<string, string?> environment) =>
        new[] { "/dev/shm", environment("XDG_RUNTIME_DIR"), System.IO.Path.GetTempPath() }
            .Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!).ToArray();

    public static SecretDirectory Create(string purpose, string repositoryRoot, IEnumerable<string> candidates)
    {
        var root = Normalize(repositoryRoot);
        var tried = new List<string>();
        foreach (var candidate in candidates)
        {
            var parent = Normalize(candidate);
            if (IsInside(parent, root) || !Directory.Exists(parent))
            {
                tried.Add(parent);
                continue;
            }
            var path = System.IO.Path.Combine(parent, $"{purpose}-{Guid.NewGuid():N}");
            try
            {
                if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path); // per-user temp dir ACLs already restrict it
                else Directory.CreateDirectory(path, OwnerOnlyDirectory);
                return new SecretDirectory(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                tried.Add(parent);
            }
        }
        throw new BuildException(
            $"Found no writable directory outside the work tree {root} for the {purpose} (tried {string.Join(", ", tried)}).",
            "Make /dev/shm or $XDG_RUNTIME_DIR writable, or set TMPDIR to a directory outside the repository.");
    }

    /// <summary>Writes a file only the owner can read; it is created with 0600, never widened later.</summary>
    public string WriteFile(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnlyFile;
        using var stream = new FileStream(file, options);
        using var writer = new StreamWriter(stream);
        writer.Write(content);
        return file;
    }

    public void Dispose()
    {
        if (!Directory.Exists(Path)) return;
        // Overwrite before deleting so a key on a disk-backed temp dir does not linger in free blocks as plain text.
        foreach (var file in Directory.EnumerateFiles(Path))
        {
            try
            {
                var length = new FileInfo(file).Length;
                File.WriteAllBytes(file, new byte[length]);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        Directory.Delete(Path, recursive: true);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Normalize(string path) =>
        System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));

    internal static bool IsInside(string path, string root) =>
        path.Equals(root, StringComparison.Ordinal) ||
        path.StartsWith(root + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
