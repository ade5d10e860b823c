namespace Nuke.Common.Tooling;

/// <summary>A started process (Nuke's IProcess): wait for it, then read its exit code and output.</summary>
public interface IProcess : IDisposable
{
    string FileName { get; }
    string Arguments { get; }
    string? WorkingDirectory { get; }
    IReadOnlyCollection<Output> Output { get; }
    int ExitCode { get; }
    bool WaitForExit();
}

/// <summary>Nuke's process helpers: <c>ProcessTasks.StartProcess("git", "status").AssertZeroExitCode()</c>.</summary>
public static class ProcessTasks
{
    public static bool DefaultLogOutput { get; } = true;

    public static IProcess StartProcess(string toolPath, string? arguments = null, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environmentVariables = null, int? timeout = null, bool? logOutput = null,
        bool? logInvocation = null, Action<OutputType, string>? logger = null) =>
        new StartedProcess(toolPath, arguments ?? "", workingDirectory, environmentVariables, timeout, logOutput ?? DefaultLogOutput, logger);

    public static IProcess StartProcess(ToolSettings settings)
    {
        var context = BuildContext.Current;
        return new StartedProcess(settings.ProcessToolPath ?? settings.DefaultToolPath(n => context.Environment.GetValueOrDefault(n)),
            settings.GetArguments().Items, settings.ProcessWorkingDirectory, settings.ProcessEnvironmentVariables, settings.ProcessExecutionTimeout,
            settings.ProcessLogOutput ?? DefaultLogOutput, null);
    }

    public static IProcess AssertWaitForExit(this IProcess process)
    {
        if (!process.WaitForExit()) throw new BuildException($"{Path.GetFileName(process.FileName)} did not exit in time.");
        return process;
    }

    public static IProcess AssertZeroExitCode(this IProcess process)
    {
        process.AssertWaitForExit();
        if (process.ExitCode != 0)
            throw new ToolFailedException(Path.GetFileName(process.FileName), process.ExitCode,
                string.Join(Environment.NewLine, process.Output.Where(o => o.Type == OutputType.Err).TakeLast(20).Select(o => o.Text)));
        return process;
    }

    private sealed class StartedProcess : IProcess
    {
        private readonly Task<ToolResult> _run;
        private readonly string _fileName;
        private IReadOnlyCollection<Output>? _output;

        public StartedProcess(string fileName, string arguments, string? workingDirectory, IReadOnlyDictionary<string, string>? environment,
            int? timeout, bool logOutput, Action<OutputType, string>? logger)
            : this(fileName, Tooling.Arguments.Split(arguments), workingDirectory,
                environment?.ToDictionary(p => p.Key, p => (string?)p.Value), timeout, logOutput, logger)
        {
        }

        public StartedProcess(string fileName, IReadOnlyList<string> arguments, string? workingDirectory, IReadOnlyDictionary<string, string?>? environment,
            int? timeout, bool logOutput, Action<OutputType, string>? logger)
        {
            var context = BuildContext.Current;
            _fileName = fileName;
            Arguments = string.Join(' ', arguments);
            WorkingDirectory = workingDirectory ?? context.RootDirectory;
            _run = new ToolRunner(context.Logger, context.Children).RunAsync(new ToolInvocation(fileName, arguments)
            {
                WorkingDirectory = WorkingDirectory,
                Environment = environment ?? new Dictionary<string, string?>(),
                LogOutput = logOutput && logger is null,
                AllowFailure = true,
                Timeout = timeout is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            }, context.CancellationToken);
            Logger = logger;
        }

        private Action<OutputType, string>? Logger { get; }
        public string FileName => _fileName;
        public string Arguments { get; }
        public string? WorkingDirectory { get; }
        public int ExitCode => Result.ExitCode;
        public IReadOnlyCollection<Output> Output => _output ??= OutputExtensions.FromResult(Result);

        private ToolResult Result => _run.GetAwaiter().GetResult();

        public bool WaitForExit()
        {
            _ = Result;
            if (Logger is not null && _output is null)
                foreach (var line in Output) Logger(line.Type, line.Text);
            return true;
        }

        public void Dispose() => _run.Wait();
    }
}
