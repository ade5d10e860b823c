using System.Runtime;

namespace Nuke.Common;

/// <summary>
/// The runtime's multicore JIT for the real process: each run records which methods it had to compile (those that
/// ReadyToRun cannot precompile, such as generic code of the framework instantiated over the build's types), and the
/// next run of the same command compiles them ahead on the second core while the first runs the build. On a warm
/// `Version` that is about a third of the run (bench/startup.sh). The profile sits beside the built build, one per
/// command (its target names; --help records none), so a restored .nuke/temp/bin carries them; where that folder is read-only the
/// runtime records nothing and the run is merely not faster. build.sh has a command's profile recorded only on its first
/// run after a build of the build project (the runtime's DOTNET_MultiCoreJitNoProfileGather): recording rewrites the
/// file at the end of every run, some 4 000 small writes. It names the file by the rule of <see cref="Name"/>.
/// </summary>
internal sealed class StartupProfile
{
    private readonly string _path;

    private StartupProfile(string path) => _path = path;

    /// <summary>The <see cref="Name"/> of --help, which starts no profile: it compiles next to nothing, and starting one (reading it, a thread) would cost more than it saves.</summary>
    public const string Help = "help";

    /// <summary>Plays back and records the profile of the command <paramref name="name"/> (<see cref="Name"/>, not <see cref="Help"/>).</summary>
    public static StartupProfile Start(string name)
    {
        var file = $"startup-{name}.jitprofile";
        ProfileOptimization.SetProfileRoot(AppContext.BaseDirectory);
        ProfileOptimization.StartProfile(file);
        return new StartupProfile(Path.Combine(AppContext.BaseDirectory, file));
    }

    /// <summary>
    /// This run does one-off work (the first run after a build of the build project regenerates the CI files), so its
    /// profile is not the command's: recording stops, and the file goes, so that build.sh has the next run record one.
    /// A profile of that run held twice the methods of a usual one, and playing it back made a cached Version 10 ms slower.
    /// </summary>
    public void Discard()
    {
        // Stopping writes what was recorded so far; nothing is written at the end of the run after that.
        ProfileOptimization.StartProfile(null);
        try
        {
            File.Delete(_path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only folder holds no profile of this run either.
        }
    }

    /// <summary>
    /// The leading target names only: option values may be secrets, and neither they nor a hash of them belong in a
    /// file name.
    /// </summary>
    internal static string Name(IReadOnlyList<string> arguments)
    {
        if (arguments.Any(a => a.StartsWith('-') && a.TrimStart('-').ToLowerInvariant() is "help" or "h" or "?")) return Help;
        var targets = new List<string>();
        foreach (var argument in arguments)
        {
            if (argument.StartsWith('-')) break;
            // A loop, not LINQ over chars: generic code over a value type is JIT-compiled on every run.
            var kept = new System.Text.StringBuilder(argument.Length);
            foreach (var c in argument)
                if (char.IsAsciiLetterOrDigit(c)) kept.Append(c);
            targets.Add(kept.ToString());
        }
        var name = string.Join("-", targets.Where(t => t.Length > 0));
        return name.Length == 0 ? "default" : name.Length > 60 ? name[..60] : name;
    }
}
