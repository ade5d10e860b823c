using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Nuke.Common.IO;

namespace Nuke.Common.Tooling;

/// <summary>
/// The run's private scratch space outside the work tree (tmpfs first): a 0700 directory named after this process,
/// inside this user's 0700 <c>nuke-run-&lt;uid&gt;</c>, holding what must not outlive the run (an agent socket, a
/// pinned known_hosts copy) and the list of child processes started. A run that is killed cannot clean up, so every
/// run first sweeps what earlier runs of the same user left: it ends their recorded children and deletes their
/// directories. The per-user folder is what keeps the sweep cheap: it looks into that folder only, not through a
/// shared /tmp that may hold tens of thousands of entries on a busy runner.
/// </summary>
public sealed class RunScratch : IDisposable
{
    private const string Prefix = "nuke-run-";
    private const string ChildrenFile = "children";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly Lock _gate = new();
    private int _disposed;

    private RunScratch(string path) => Path = path;

    public string Path { get; }

    /// <summary>tmpfs first: what is written there never reaches a disk.</summary>
    public static IReadOnlyList<string> DefaultCandidates(Func<string, string?> environment) =>
        new[] { "/dev/shm", environment("XDG_RUNTIME_DIR"), environment("TMPDIR"), System.IO.Path.GetTempPath(), "/tmp" }
            .Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => System.IO.Path.TrimEndingDirectorySeparator(p!)).Distinct().ToArray();

    /// <summary>Creates this run's directory in the first candidate that is writable and (links resolved) outside <paramref name="workTree"/>.</summary>
    public static RunScratch Create(IEnumerable<string> candidates, string? workTree)
    {
        var tried = new List<string>();
        using var self = Process.GetCurrentProcess();
        var name = $"{self.Id}-{StartTime(self.Id)}-{Guid.NewGuid().ToString("N")[..8]}";
        foreach (var candidate in candidates)
        {
            try
            {
                if (!Directory.Exists(candidate) || workTree is not null && RealPath.IsInside(candidate, workTree))
                {
                    tried.Add(candidate);
                    continue;
                }
                var mine = UserDirectory(RealPath.Resolve(candidate));
                if (OperatingSystem.IsWindows())
                {
                    var created = Directory.CreateDirectory(System.IO.Path.Combine(mine, name));
                    return new RunScratch(created.FullName);
                }
                Directory.CreateDirectory(mine, OwnerOnly);
                // Its name is predictable, so another user may have made it first: it must be a real 0700 directory.
                // Only its owner (or root) can create an entry in a 0700 directory, so creating ours below proves it ours.
                if (!IsPrivate(mine))
                {
                    tried.Add($"{candidate} ({mine} is not a private directory)");
                    continue;
                }
                var path = System.IO.Path.Combine(mine, name);
                Directory.CreateDirectory(path, OwnerOnly);
                return new RunScratch(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                tried.Add(candidate);
            }
        }
        throw new BuildException(
            $"Found no writable directory outside the work tree for the run's private files (tried {string.Join(", ", tried)}).",
            "Make /dev/shm or $XDG_RUNTIME_DIR writable, or set TMPDIR to a directory outside the repository.");
    }

    /// <summary>A fresh 0700 directory inside the run's directory.</summary>
    public string CreateDirectory(string purpose)
    {
        var path = System.IO.Path.Combine(Path, $"{purpose}-{Guid.NewGuid().ToString("N")[..12]}");
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, OwnerOnly);
        return path;
    }

    /// <summary>Remembers a child so a later run can end it if this one is killed before it could.</summary>
    public void RecordChild(int processId)
    {
        if (!OperatingSystem.IsLinux()) return;
        var line = $"{processId} {StartTime(processId)}\n";
        lock (_gate)
        {
            try { File.AppendAllText(System.IO.Path.Combine(Path, ChildrenFile), line); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    /// <summary>Ends recorded children still running and deletes the directory (files overwritten first).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        Remove(Path);
    }

    /// <summary>
    /// Removes the directories (and ends the recorded children) of earlier runs of this user whose process is gone.
    /// A concurrent run (its process is alive) is left alone. Returns what was removed, for the log.
    /// </summary>
    public static IReadOnlyList<string> SweepLeftovers(IEnumerable<string> candidates)
    {
        var removed = new List<string>();
        if (!OperatingSystem.IsLinux()) return removed;
        foreach (var parent in candidates.Where(Directory.Exists).Select(RealPath.Resolve).Distinct())
        {
            var mine = UserDirectory(parent);
            if (OperatingSystem.IsWindows() || !Directory.Exists(mine) || !IsPrivate(mine)) continue;
            IEnumerable<string> directories;
            try { directories = Directory.EnumerateDirectories(mine).ToList(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            foreach (var directory in directories)
            {
                var parts = System.IO.Path.GetFileName(directory).Split('-');
                if (parts.Length < 2 || !int.TryParse(parts[0], out var pid)) continue;
                if (IsAlive(pid, parts[1])) continue;
                var ended = Remove(directory);
                removed.Add($"{directory} (run {pid}{(ended > 0 ? $", {ended} process(es) ended" : "")})");
            }
        }
        return removed;
    }

    private static string UserDirectory(string parent) => System.IO.Path.Combine(parent, Prefix + UserId());

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static bool IsPrivate(string directory) =>
        new DirectoryInfo(directory).LinkTarget is null && (File.GetUnixFileMode(directory) & (UnixFileMode)0b111_111_111) == OwnerOnly;

    private static int Remove(string directory)
    {
        var ended = 0;
        var children = System.IO.Path.Combine(directory, ChildrenFile);
        if (File.Exists(children))
            foreach (var line in File.ReadAllLines(children))
            {
                var fields = line.Split(' ');
                if (fields.Length == 2 && int.TryParse(fields[0], out var pid) && IsAlive(pid, fields[1]))
                {
                    try
                    {
                        using var process = Process.GetProcessById(pid);
                        process.Kill(entireProcessTree: true);
                        ended++;
                    }
                    catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception) { }
                }
            }
        Wipe(directory);
        return ended;
    }

    private static void Wipe(string directory)
    {
        if (!Directory.Exists(directory)) return;
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            try
            {
                var info = new FileInfo(file);
                if (info.LinkTarget is null && info.Length > 0) File.WriteAllBytes(file, new byte[info.Length]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        try { Directory.Delete(directory, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    // The same pid with another start time is another process: never end a stranger that reused the number.
    private static bool IsAlive(int pid, string startTime) => StartTime(pid) is { } actual && actual == startTime;

    /// <summary>Field 22 of /proc/PID/stat (clock ticks since boot), or null when the process does not exist.</summary>
    internal static string? StartTime(int pid)
    {
        if (!OperatingSystem.IsLinux()) return "0";
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 19 ? fields[19] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private static string UserId() => OperatingSystem.IsWindows() ? Environment.UserName : getuid().ToString(CultureInfo.InvariantCulture);

    [DllImport("libc")]
    private static extern uint getuid();
}
