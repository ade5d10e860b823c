using Nuke.Common.Output;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Engine.Tests.Support;

namespace Engine.Tests;

public class DeferredLoggerTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private sealed class Rendering : ILogEventSink
    {
        public List<string> Lines { get; } = [];
        public void Emit(LogEvent logEvent) => Lines.Add($"{logEvent.Level} {logEvent.RenderMessage()} {string.Join(",", logEvent.Properties.Keys.Order())}");
    }

    private static void LogTheSame(ILogger logger)
    {
        logger.Information("{Name} has {Count} items: {Items}", "x", 3, new[] { 1, 2 });
        logger.Warning("quoted {Quoted} and literal {Literal:l}", "q", "l");
        logger.ForContext<DeferredLoggerTests>().Error(new InvalidOperationException("boom"), "with context {Value}", 4.5);
        logger.Write(LogEventLevel.Debug, "{@Shape}", new { Width = 2 });
    }

    [Fact]
    public void The_pipeline_is_built_on_the_first_event_and_renders_as_Serilogs_own_logger()
    {
        var deferredSink = new Rendering();
        var created = 0;
        ILogger deferred = new DeferredLogger(() =>
        {
            created++;
            return new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(deferredSink).CreateLogger();
        });
        Assert.True(deferred.IsEnabled(LogEventLevel.Verbose));
        Assert.Equal(0, created);

        LogTheSame(deferred);
        var plainSink = new Rendering();
        using (var plain = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(plainSink).CreateLogger())
            LogTheSame(plain);

        Assert.Equal(1, created);
        Assert.Equal(4, plainSink.Lines.Count);
        Assert.Equal(plainSink.Lines, deferredSink.Lines);
        ((IDisposable)deferred).Dispose();
    }

    public class SkippingBuild : RecordingBuild
    {
        Target Work => _ => Record(_, "Work");

        protected override string? SkipAllReason => EnvironmentVariable("CI_COMMIT_TAG") is { } tag ? $"tag pipeline (CI_COMMIT_TAG={tag})" : null;
    }

    [Fact]
    public async Task The_engines_own_lines_are_written_without_Serilog_and_no_secret_in_them_reaches_the_output()
    {
        _harness.Environment["CI_COMMIT_TAG"] = "v1.0.0";
        var plain = await _harness.RunAsync<SkippingBuild>("Work");
        Assert.Equal(0, plain.ExitCode);
        Assert.Empty(((RecordingBuild)plain.Build!).Executed);
        var lines = _harness.Output.Split('\n');
        Assert.Contains($"Build on Terminal in {_harness.Root}", lines);
        Assert.Contains("Skipping all targets: tag pipeline (CI_COMMIT_TAG=v1.0.0)", lines);

        // An ID token where the tag would be: nothing of it reaches the output.
        const string token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJqb2IifQ.c2lnbmF0dXJlLXN0YW5kLWlu";
        _harness.Environment["CI_COMMIT_TAG"] = token;
        var masked = await _harness.RunAsync<SkippingBuild>("Work");
        Assert.Equal(0, masked.ExitCode);
        Assert.Contains(_harness.Output.Split('\n'), line => line.StartsWith("Skipping all targets: tag pipeline (CI_COMMIT_TAG=", StringComparison.Ordinal));
        Assert.DoesNotContain(token, _harness.Output);
        Assert.DoesNotContain("eyJzdWIiOiJqb2IifQ", _harness.Output);
    }
}
