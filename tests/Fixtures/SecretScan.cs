namespace Fixtures;

/// <summary>
/// The "no key material left anywhere": every regular file under /tmp, /dev/shm, /run, /var/tmp (and any
/// extra roots, such as the work tree) that contains one of the needles. Matching by content (a key's body line,
/// a token) keeps other processes' files on this shared machine out of it; big files are skipped (a key or a
/// token file is small, and a build log is checked separately).
/// </summary>
public static class SecretScan
{
    private const long MaximumFileSize = 1 << 20;
    public static readonly string[] SystemRoots = ["/tmp", "/dev/shm", "/run", "/var/tmp"];

    /// <summary>Directories where the test fixtures keep their own key files (the oracle keys), never the build's.</summary>
    private static readonly string[] FixtureDirectoryMarkers = ["/e2e-keys-", "/e2e-deploykeys-", "/e2e-keycheck-", "/hostile-home-", "/hostile-etc-ssh-", "/ssh-test-keys-", "/sshd-fixture-", "/kms-emulator-", "/engine-tests/"];

    public static IReadOnlyList<string> FilesContaining(IEnumerable<string> needles, params string[] extraRoots)
    {
        var wanted = needles.Where(n => n.Length >= 8).Distinct().ToArray();
        if (wanted.Length == 0) throw new ArgumentException("nothing to look for", nameof(needles));
        var found = new List<string>();
        foreach (var root in SystemRoots.Concat(extraRoots).Where(Directory.Exists).Distinct())
            foreach (var file in Files(root))
            {
                if (FixtureDirectoryMarkers.Any(marker => file.Contains(marker, StringComparison.Ordinal))) continue;
                try
                {
                    var info = new FileInfo(file);
                    if (info.LinkTarget is not null || info.Length == 0 || info.Length > MaximumFileSize) continue;
                    var text = File.ReadAllText(file);
                    if (wanted.Any(n => text.Contains(n, StringComparison.Ordinal))) found.Add(file);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            }
        return found;
    }

    // Fixture directories are left out before descending (a busy sshd fixture holds many repositories).
    private static IEnumerable<string> Files(string root)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Device,
            ReturnSpecialDirectories = false,
        };
        var files = new List<string>();
        try
        {
            files.AddRange(Directory.EnumerateFiles(root, "*", new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Device }));
            foreach (var directory in Directory.EnumerateDirectories(root, "*", new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint }))
            {
                if (FixtureDirectoryMarkers.Any(marker => (directory + "/").Contains(marker, StringComparison.Ordinal))) continue;
                try { files.AddRange(Directory.EnumerateFiles(directory, "*", options)); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return files;
    }
}
