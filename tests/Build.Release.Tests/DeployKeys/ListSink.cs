using System.Collections.Concurrent;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Build.Release.Tests.DeployKeys;

/// <summary>Captures every rendered log line (unmasked), so tests can prove secrets are never logged at all.</summary>
public sealed class ListSink : ILogEventSink
{
    private readonly ConcurrentQueue<string> _lines = new();

    public ILogger CreateLogger() => new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();

    public IReadOnlyList<string> Lines => _lines.ToArray();
    public string Text => string.Join("\n", _lines);

    public void Emit(LogEvent logEvent) =>
        _lines.Enqueue($"[{logEvent.Level}] {logEvent.RenderMessage()}{(logEvent.Exception is null ? "" : " " + logEvent.Exception)}");
}
