namespace EndToEnd.Tests.Support;

/// <summary>Where a secret must never be: the build's output and log, the work tree, and leftover secret directories.</summary>
public static class SecretChecks
{
    // The runs' private folders (nuke-run-<uid>/<run>/<purpose>-…) and the names older layouts used.
    private static readonly string[] SecretDirectoryPrefixes = ["nuke-run-", "deploy-key", "aws-web-identity"];

    /// <summary>
    /// The base64 body lines of an OpenSSH private key that are unique to it: any one of them in a log is a leak.
    /// The first body line ("openssh-key-v1", cipher none, key type) is the same for every unencrypted ed25519
    /// key, so it would match other processes' keys on this machine; it holds nothing secret.
    /// </summary>
    public static IEnumerable<string> BodyLines(string privateKeyText) =>
        privateKeyText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("-----", StringComparison.Ordinal))
            .Skip(1);

    public static void AssertNotIn(BuildResult result, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets.Where(s => s.Length > 0))
            Assert.False(result.AllText.Contains(secret, StringComparison.Ordinal), $"a secret ({secret[..Math.Min(6, secret.Length)]}...) is in the output or .nuke/temp log");
        Assert.DoesNotContain("PRIVATE KEY-----", result.AllText);
    }

    /// <summary>
    /// Files under the build's secret directories (tmpfs, $XDG_RUNTIME_DIR, temp) that still hold one of
    /// <paramref name="secrets"/>: a key or token file the build failed to delete. Matching by content keeps
    /// other processes' secret directories on this shared machine out of it.
    /// </summary>
    public static IReadOnlyList<string> LeftoverFilesContaining(IEnumerable<string> secrets)
    {
        var needles = secrets.Where(s => s.Length > 0).ToArray();
        var parents = new[] { "/dev/shm", Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR"), Path.GetTempPath() }
            .Where(p => !string.IsNullOrEmpty(p) && Directory.Exists(p)).Distinct();
        var found = new List<string>();
        foreach (var parent in parents)
            foreach (var directory in SafeEnumerate(() => Directory.EnumerateDirectories(parent!)))
            {
                if (!SecretDirectoryPrefixes.Any(p => Path.GetFileName(directory).StartsWith(p, StringComparison.Ordinal))) continue;
                foreach (var file in SafeEnumerate(() => Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)))
                {
                    string text;
                    try { text = File.ReadAllText(file); }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
                    if (needles.Any(n => text.Contains(n, StringComparison.Ordinal))) found.Add(file);
                }
            }
        return found;
    }

    private static IEnumerable<string> SafeEnumerate(Func<IEnumerable<string>> list)
    {
        try { return list().ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }
}
