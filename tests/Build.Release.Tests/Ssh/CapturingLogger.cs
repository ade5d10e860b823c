using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Build.Release.Tests.Ssh;

/// <summary>A Serilog logger whose rendered lines the test can read (what the build would print).</summary>
public sealed class CapturingLogger : ILogEventSink
{
    private readonly List<string> _lines = [];

    public CapturingLogger() => Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();

    public ILogger Logger { get; }

    public string Text
    {
        get { lock (_lines) return string.Join('\n', _lines); }
    }

    public void Emit(LogEvent logEvent)
    {
        var line = $"[{logEvent.Level}] {logEvent.RenderMessage()}{(logEvent.Exception is null ? "" : " " + logEvent.Exception)}";
        lock (_lines) _lines.Add(line);
    }
}
