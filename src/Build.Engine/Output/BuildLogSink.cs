using Nuke.Common.CommandLine;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Nuke.Common.Output;

/// <summary>
/// The build's Serilog sink: renders each event (message and exception), masks it, writes it to the console writer
/// and the log file, and remembers warnings and errors for the recap.
/// </summary>
internal sealed class BuildLogSink(TextWriter output, SecretMasker masker, Verbosity verbosity) : ILogEventSink
{
    // Parsing the template JITs a good part of Serilog: only runs that log pay for it, never --help.
    private readonly MessageTemplateTextFormatter _messageFormatter = new("{Message:lj}");
    private readonly Lock _gate = new();
    private readonly List<LoggedProblem> _problems = [];
    private TextWriter? _file;

    public IReadOnlyList<LoggedProblem> Problems
    {
        get { lock (_gate) return _problems.ToArray(); }
    }

    public void AttachFile(TextWriter file)
    {
        lock (_gate) _file = new MaskingTextWriter(file, masker);
    }

    public void DetachFile()
    {
        lock (_gate)
        {
            _file?.Dispose();
            _file = null;
        }
    }

    public LogEventLevel MinimumLevel => verbosity switch
    {
        Verbosity.Quiet => LogEventLevel.Error,
        Verbosity.Minimal => LogEventLevel.Warning,
        Verbosity.Normal => LogEventLevel.Information,
        _ => LogEventLevel.Verbose,
    };

    public void Emit(LogEvent logEvent)
    {
        var writer = new StringWriter();
        _messageFormatter.Format(logEvent, writer);
        if (logEvent.Exception is { } exception) writer.Write(Environment.NewLine + DescribeException(exception, verbosity));
        Write(logEvent.Level, writer.ToString(), logEvent.Timestamp);
    }

    /// <summary>A line of the engine's own, already rendered: written as an event of that level would be, without Serilog.</summary>
    public void Write(LogEventLevel level, string rendered) => Write(level, rendered, DateTimeOffset.Now);

    private void Write(LogEventLevel level, string rendered, DateTimeOffset timestamp)
    {
        var text = masker.Mask(Spelling.Render(rendered));
        lock (_gate)
        {
            if (level >= LogEventLevel.Warning) _problems.Add(new LoggedProblem(level, text));
            if (level >= MinimumLevel) output.WriteLine(text);
            _file?.WriteLine(Clock(timestamp) + " " + Abbreviate(level) + " " + text);
        }
    }

    /// <summary>A BuildException is its cause and fix; anything else is its message, with the stack only at verbose.</summary>
    public static string DescribeException(Exception exception, Verbosity verbosity) => exception switch
    {
        BuildException build => build.ToString(),
        _ when verbosity == Verbosity.Verbose => exception.ToString(),
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };

    /// <summary>
    /// HH:mm:ss.fff by hand: formatting a DateTimeOffset in an interpolated string is generic code over a value type,
    /// which ReadyToRun leaves to the JIT on every run that logs.
    /// </summary>
    internal static string Clock(DateTimeOffset time)
    {
        Span<char> text = stackalloc char[12];
        Digits(text[..2], time.Hour);
        text[2] = ':';
        Digits(text[3..5], time.Minute);
        text[5] = ':';
        Digits(text[6..8], time.Second);
        text[8] = '.';
        Digits(text[9..], time.Millisecond);
        return new string(text);

        static void Digits(Span<char> into, int value)
        {
            for (var i = into.Length - 1; i >= 0; i--, value /= 10) into[i] = (char)('0' + value % 10);
        }
    }

    private static string Abbreviate(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => "VRB",
        LogEventLevel.Debug => "DBG",
        LogEventLevel.Information => "INF",
        LogEventLevel.Warning => "WRN",
        LogEventLevel.Error => "ERR",
        _ => "FTL",
    };
}
