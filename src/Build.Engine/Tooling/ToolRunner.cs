using System.Text;
using CliWrap;
using CliWrap.Buffered;
using Serilog;

namespace Nuke.Common.Tooling;

/// <summary>
/// Runs processes through CliWrap. Everything it logs goes through the given Serilog logger, so the host's
/// secret masking applies to arguments and output alike; children inherit only what <see cref="ChildEnvironment"/>
/// lets through. Cancelling ends the child and everything it started.
/// </summary>
public sealed class ToolRunner(ILogger logger, ChildEnvironment? children = null)
{
    private const int StderrTailLines = 20;

    /// <summary>What children inherit, the run's private directory and the secrets they never see.</summary>
    public ChildEnvironment Children { get; } = children ?? new ChildEnvironment(new Nuke.Common.Output.SecretMasker());

    public async Task<ToolResult> RunAsync(ToolInvocation invocation, CancellationToken cancellationToken = default)
    {
        using var running = Start(invocation, cancellationToken);
        return await running.Completion;
    }

    /// <summary>Starts a process and returns at once; disposing the handle ends it (and its children) if still running.</summary>
    public RunningTool Start(ToolInvocation invocation, CancellationToken cancellationToken = default)
    {
        var name = Path.GetFileName(invocation.FileName);
        logger.Information("> {Tool} {Arguments}", invocation.FileName, string.Join(' ', invocation.Arguments.Select(Quote)));

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var command = Cli.Wrap(invocation.FileName)
            .WithArguments(invocation.Arguments)
            .WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(Children.For(invocation))
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line =>
            {
                lock (stdout) stdout.AppendLine(line);
                if (invocation.LogOutput) logger.Information("{Line}", line);
                invocation.OnOutputLine?.Invoke(line);
            }))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line =>
            {
                lock (stderr) stderr.AppendLine(line);
                if (invocation.LogOutput) logger.Information("{Line}", line);
                invocation.OnErrorLine?.Invoke(line);
            }));
        if (invocation.WorkingDirectory is not null) command = command.WithWorkingDirectory(invocation.WorkingDirectory);
        if (invocation.StandardInput is not null) command = command.WithStandardInputPipe(PipeSource.FromString(invocation.StandardInput));

        var timeout = invocation.Timeout is { } t ? new CancellationTokenSource(t) : new CancellationTokenSource();
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        CommandTask<CommandResult> task;
        try
        {
            task = command.ExecuteAsync(stop.Token);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            stop.Dispose();
            timeout.Dispose();
            throw new BuildException($"Could not start {name}: {e.Message}", $"Install {name} or put it on PATH.", e);
        }
        if (Children.RecordsChildren) Children.Scratch.RecordChild(task.ProcessId);

        async Task<ToolResult> CompleteAsync()
        {
            CommandResult result;
            try
            {
                result = await task;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new ToolTimedOutException(name, invocation.Timeout!.Value);
            }
            finally
            {
                stop.Dispose();
                timeout.Dispose();
            }

            ToolResult toolResult;
            lock (stdout) lock (stderr) toolResult = new ToolResult(result.ExitCode, stdout.ToString(), stderr.ToString());
            if (!toolResult.Succeeded && !invocation.AllowFailure)
                throw new ToolFailedException(name, result.ExitCode, Tail(toolResult.StandardError));
            return toolResult;
        }

        return new RunningTool(task.ProcessId, CompleteAsync(), () =>
        {
            try { stop.Cancel(); }
            catch (ObjectDisposedException) { }
        });
    }

    public static string Tail(string text, int lines = StderrTailLines)
    {
        var all = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(Environment.NewLine, all.Skip(Math.Max(0, all.Length - lines)));
    }

    private static string Quote(string argument) =>
        argument.Length == 0 || argument.Any(char.IsWhiteSpace) || argument.Contains('"') ? $"\"{argument.Replace("\"", "\\\"")}\"" : argument;
}

/// <summary>A started process: <see cref="Completion"/> ends with its result; disposing ends the process if it still runs.</summary>
public sealed class RunningTool(int processId, Task<ToolResult> completion, Action stop) : IDisposable
{
    public int ProcessId { get; } = processId;
    public Task<ToolResult> Completion { get; } = completion;

    /// <summary>Ends the process (and its children) and waits for it to be gone.</summary>
    public async Task StopAsync()
    {
        if (Completion.IsCompleted) return;
        stop();
        try { await Completion; }
        catch (OperationCanceledException) { }
        catch (BuildException) { }
    }

    public void Dispose()
    {
        if (!Completion.IsCompleted) stop();
    }
}
