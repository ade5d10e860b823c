using System.Text;
using CliWrap;
using CliWrap.Buffered;
using Serilog;

namespace Nuke.Common.Tooling;

/// <summary>
/// Runs processes through CliWrap. Everything it logs goes through the given Serilog logger, so the host's
/// secret masking applies to arguments and output alike.
/// </summary>
public sealed class ToolRunner(ILogger logger)
{
    private const int StderrTailLines = 20;

    public async Task<ToolResult> RunAsync(ToolInvocation invocation, CancellationToken cancellationToken = default)
    {
        var name = Path.GetFileName(invocation.FileName);
        logger.Information("> {Tool} {Arguments}", invocation.FileName, string.Join(' ', invocation.Arguments.Select(Quote)));

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var command = Cli.Wrap(invocation.FileName)
            .WithArguments(invocation.Arguments)
            .WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(invocation.Environment)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line =>
            {
                stdout.AppendLine(line);
                if (invocation.LogOutput) logger.Information("{Line}", line);
            }))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line =>
            {
                stderr.AppendLine(line);
                if (invocation.LogOutput) logger.Information("{Line}", line);
            }));
        if (invocation.WorkingDirectory is not null) command = command.WithWorkingDirectory(invocation.WorkingDirectory);
        if (invocation.StandardInput is not null) command = command.WithStandardInputPipe(PipeSource.FromString(invocation.StandardInput));

        using var timeout = invocation.Timeout is { } t ? new CancellationTokenSource(t) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        CommandResult result;
        try
        {
            result = await command.ExecuteAsync(linked.Token);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BuildException($"Could not start {name}: {e.Message}", $"Install {name} or put it on PATH.", e);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new BuildException($"{name} did not finish within {invocation.Timeout!.Value.TotalSeconds:0} s and was stopped.");
        }

        var toolResult = new ToolResult(result.ExitCode, stdout.ToString(), stderr.ToString());
        if (!toolResult.Succeeded && !invocation.AllowFailure)
            throw new ToolFailedException(name, result.ExitCode, Tail(toolResult.StandardError));
        return toolResult;
    }

    public static string Tail(string text, int lines = StderrTailLines)
    {
        var all = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(Environment.NewLine, all.Skip(Math.Max(0, all.Length - lines)));
    }

    private static string Quote(string argument) =>
        argument.Length == 0 || argument.Any(char.IsWhiteSpace) || argument.Contains('"') ? $"\"{argument.Replace("\"", "\\\"")}\"" : argument;
}
