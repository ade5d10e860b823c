namespace Nuke.Common.IO;

/// <summary>
/// A path with every symbolic link resolved, like realpath(3): "is this outside the work tree?" must be asked of
/// where a file really is, or a link (/dev/shm → the work tree) would pass the check.
/// </summary>
public static class RealPath
{
    private const int MaximumLinks = 40;

    public static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "/";
        var pending = new Stack<string>(full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = root;
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".") continue;
            if (part == "..") { current = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(current)) ?? root; continue; }
            var next = Path.Combine(current, part);
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (++links > MaximumLinks) throw new IOException($"Too many symbolic links in {path}.");
                var resolved = Path.IsPathRooted(target) ? target : Path.Combine(current, target);
                var targetRoot = Path.GetPathRoot(Path.GetFullPath(resolved)) ?? root;
                foreach (var item in Path.GetFullPath(resolved)[targetRoot.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
                    pending.Push(item);
                current = targetRoot;
                continue;
            }
            current = next;
        }
        var trimmed = Path.TrimEndingDirectorySeparator(current);
        return trimmed.Length == 0 ? root : trimmed;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or below it, both with links resolved.</summary>
    public static bool IsInside(string path, string root)
    {
        var p = Resolve(path);
        var r = Resolve(root);
        return p.Equals(r, StringComparison.Ordinal) || p.StartsWith(Path.TrimEndingDirectorySeparator(r) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
