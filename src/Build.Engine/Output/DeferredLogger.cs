using System.Diagnostics.CodeAnalysis;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Nuke.Common.Output;

/// <summary>
/// The build's Serilog logger, made on its first event. Building Serilog's pipeline was about 3 ms of a run
/// (bench/startup.sh), and a run that logs nothing through it, such as a tag pipeline that skips every target, never
/// needs one. Everything not forwarded here is Serilog's own default implementation over these members, so binding
/// and rendering are the real logger's.
/// </summary>
internal sealed class DeferredLogger(Func<Logger> create) : ILogger, IDisposable
{
    private readonly Lazy<Logger> _inner = new(create);

    public void Write(LogEvent logEvent) => _inner.Value.Write(logEvent);

    // The pipeline passes every level on (the sink filters by verbosity), so asking need not build it.
    public bool IsEnabled(LogEventLevel level) => true;

    public bool BindMessageTemplate(string messageTemplate, object?[]? propertyValues,
        [NotNullWhen(true)] out MessageTemplate? parsedTemplate, [NotNullWhen(true)] out IEnumerable<LogEventProperty>? boundProperties) =>
        _inner.Value.BindMessageTemplate(messageTemplate, propertyValues, out parsedTemplate, out boundProperties);

    public bool BindProperty(string? propertyName, object? value, bool destructureObjects, [NotNullWhen(true)] out LogEventProperty? property) =>
        _inner.Value.BindProperty(propertyName, value, destructureObjects, out property);

    public ILogger ForContext(ILogEventEnricher enricher) => _inner.Value.ForContext(enricher);

    public ILogger ForContext(IEnumerable<ILogEventEnricher> enrichers) => _inner.Value.ForContext(enrichers);

    public ILogger ForContext(string propertyName, object? value, bool destructureObjects = false) =>
        _inner.Value.ForContext(propertyName, value, destructureObjects);

    public ILogger ForContext<TSource>() => _inner.Value.ForContext<TSource>();

    public ILogger ForContext(Type source) => _inner.Value.ForContext(source);

    public void Dispose()
    {
        if (_inner.IsValueCreated) _inner.Value.Dispose();
    }
}
