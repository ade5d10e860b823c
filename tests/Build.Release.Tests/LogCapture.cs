using System.Collections.Concurrent;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Release.Tests;

/// <summary>
/// A Serilog logger whose rendered lines ("[Level] message exception", unmasked) the test can read: what the
/// build would print, and proof that secrets are never logged at all.
/// </summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<string> _lines = new();

    public LogCapture() => Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();

    public ILogger Logger { get; }

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public string Text => string.Join('\n', _lines);

    public void Clear() => _lines.Clear();

    public void Emit(LogEvent logEvent) =>
        _lines.Enqueue($"[{logEvent.Level}] {logEvent.RenderMessage()}{(logEvent.Exception is null ? "" : " " + logEvent.Exception)}");
}
