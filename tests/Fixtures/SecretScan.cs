using System.Text;

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
        var utf8 = wanted.Select(n => Encoding.UTF8.GetBytes(n)).ToArray();
        var buffer = new byte[MaximumFileSize];
        var found = new List<string>();
        foreach (var root in SystemRoots.Concat(extraRoots).Where(Directory.Exists).Distinct())
            foreach (var file in Files(root))
            {
                if (FixtureDirectoryMarkers.Any(marker => file.Contains(marker, StringComparison.Ordinal))) continue;
                try
                {
                    // Size first: a FIFO or a socket has none and is never opened (opening a FIFO would block).
                    var info = new FileInfo(file);
                    if (info.LinkTarget is not null || info.Length == 0 || info.Length > MaximumFileSize) continue;
                    if (Contains(file, buffer, wanted, utf8)) found.Add(file);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            }
        return found;
    }

    /// <summary>
    /// The file's bytes searched for the needles' UTF-8 bytes: what decoding it as UTF-8 and searching the text finds,
    /// without decoding the ~100 MB a shared /tmp holds (a scan ran ~3 times longer that way). A file that declares
    /// itself UTF-16 or UTF-32 by its byte-order mark is decoded as File.ReadAllText would.
    /// </summary>
    private static bool Contains(string file, byte[] buffer, string[] needles, byte[][] utf8Needles)
    {
        int length;
        using (var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            length = 0;
            int read;
            while (length < buffer.Length && (read = RandomAccess.Read(handle, buffer.AsSpan(length), length)) > 0) length += read;
        }
        var bytes = buffer.AsSpan(0, length);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            || bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            var text = File.ReadAllText(file);
            return needles.Any(n => text.Contains(n, StringComparison.Ordinal));
        }
        foreach (var needle in utf8Needles)
            if (bytes.IndexOf(needle) >= 0) return true;
        return false;
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
