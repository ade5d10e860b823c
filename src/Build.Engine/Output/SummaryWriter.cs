using Nuke.Common.Execution;
using Serilog.Events;

namespace Nuke.Common.Output;

/// <summary>The end of the build's output: recap of warnings and errors, the target table, one outcome line.</summary>
internal static class SummaryWriter
{
    public static void Write(TextWriter output, ExecutionPlan? plan, IReadOnlyList<LoggedProblem> problems,
        bool succeeded, DateTimeOffset finishedAt, TimeSpan total)
    {
        output.WriteLine();
        if (problems.Count > 0)
        {
            output.WriteLine("Errors and warnings:");
            foreach (var (level, text) in problems)
                output.WriteLine($"  {(level >= LogEventLevel.Error ? "error" : "warning")}: {text.Replace("\n", "\n    ", StringComparison.Ordinal)}");
            output.WriteLine();
        }

        if (plan is { Targets.Count: > 0 })
        {
            // Plain loops and strings here: LINQ's Max and enum formatting over value types are JIT-compiled on every run.
            var nameWidth = 6;
            foreach (var planned in plan.Targets) nameWidth = Math.Max(nameWidth, planned.Name.Length);
            nameWidth += 3;
            var rule = new string('═', nameWidth + 36);
            output.WriteLine(rule);
            output.WriteLine($"{"Target".PadRight(nameWidth)}{"Status",-13}{"Duration",-10}Reason");
            output.WriteLine(new string('─', rule.Length));
            foreach (var planned in plan.Targets)
                output.WriteLine($"{planned.Name.PadRight(nameWidth)}{planned.Status.ToString().PadRight(13)}{Format(planned.Duration),-10}{planned.Reason}".TrimEnd());
            output.WriteLine(new string('─', rule.Length));
            output.WriteLine($"{"Total".PadRight(nameWidth)}{"",-13}{Format(total)}");
            output.WriteLine(rule);
            output.WriteLine();
        }

        var when = finishedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine(succeeded ? $"Build succeeded on {when}." : $"Build failed on {when}.");
    }

    private static string Format(TimeSpan duration) =>
        duration == TimeSpan.Zero ? "" : duration.TotalMinutes >= 1 ? $"{(int)duration.TotalMinutes}:{duration.Seconds:00}" : $"{duration.TotalSeconds:0.0}s";
}
