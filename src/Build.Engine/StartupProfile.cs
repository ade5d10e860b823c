using System.Runtime;

namespace Nuke.Common;

/// <summary>
/// The runtime's multicore JIT for the real process: each run records which methods it had to compile (those that
/// ReadyToRun cannot precompile, such as generic code of the framework instantiated over the build's types), and the
/// next run of the same command compiles them ahead on the second core while the first runs the build. On a warm
/// `Version` that is about a third of the run (bench/startup.sh). The profile sits beside the built build, one per
/// command (its target names; --help records none), so a restored .nuke/temp/bin carries them; where that folder is read-only the
/// runtime records nothing and the run is merely not faster.
/// </summary>
internal static class StartupProfile
{
    public static void Start(IReadOnlyList<string> arguments)
    {
        var name = Name(arguments);
        // --help compiles next to nothing; starting the profile (reading it, a thread) would cost more than it saves.
        if (name == "help") return;
        ProfileOptimization.SetProfileRoot(AppContext.BaseDirectory);
        ProfileOptimization.StartProfile($"startup-{name}.jitprofile");
    }

    /// <summary>
    /// The leading target names only: option values may be secrets, and neither they nor a hash of them belong in a
    /// file name.
    /// </summary>
    internal static string Name(IReadOnlyList<string> arguments)
    {
        if (arguments.Any(a => a.StartsWith('-') && a.TrimStart('-').ToLowerInvariant() is "help" or "h" or "?")) return "help";
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
