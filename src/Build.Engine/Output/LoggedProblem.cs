using Serilog.Events;

namespace Nuke.Common.Output;

/// <summary>
/// A warning or error the recap at the end repeats. A class, not a value tuple: a list of tuples over an enum is generic
/// code that ReadyToRun cannot precompile, so it was JIT-compiled on every run.
/// </summary>
internal sealed record LoggedProblem(LogEventLevel Level, string Text);
