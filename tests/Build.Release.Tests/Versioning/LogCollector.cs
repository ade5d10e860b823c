using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Build.Release.Tests.Versioning;

/// <summary>A Serilog logger that keeps rendered messages, to see what the runner did.</summary>
internal sealed class LogCollector : ILogEventSink
{
    private readonly List<string> _messages = [];

    public ILogger Logger { get; }

    public LogCollector() => Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();

    public IReadOnlyList<string> Messages
    {
        get { lock (_messages) return _messages.ToList(); }
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_messages) _messages.Add(logEvent.RenderMessage());
    }

    public void Clear()
    {
        lock (_messages) _messages.Clear();
    }
}
