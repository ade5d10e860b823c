namespace Nuke.Common.Tooling;

/// <summary>
/// Runs tool settings in the current build (its logger, masker, environment and cancellation), synchronously as Nuke's
/// tasks do. Outside a build run it uses the process defaults.
/// </summary>
public static class ToolExecution
{
    /// <summary>Runs one invocation of <paramref name="settings"/>; throws <see cref="ToolFailedException"/> on a non-zero exit.</summary>
    public static IReadOnlyCollection<Output> Run(ToolSettings settings) => RunAsync(settings).GetAwaiter().GetResult();

    public static async Task<IReadOnlyCollection<Output>> RunAsync(ToolSettings settings, CancellationToken cancellationToken = default)
    {
        var context = BuildContext.Current;
        var arguments = settings.GetArguments();
        foreach (var secret in arguments.Secrets) context.Secrets.Add(secret);
        var toolPath = settings.ProcessToolPath ?? settings.DefaultToolPath(name => context.Environment.GetValueOrDefault(name));
        var invocation = new ToolInvocation(toolPath, arguments.Items)
        {
            WorkingDirectory = settings.ProcessWorkingDirectory ?? context.RootDirectory,
            Environment = settings.ProcessEnvironmentVariables,
            LogOutput = settings.ProcessLogOutput ?? true,
            Timeout = settings.ProcessExecutionTimeout is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            // Only a restore may authenticate to the host's package feed (a nuget.config naming the job token).
            PassSecrets = settings is Tools.DotNet.DotNetRestoreSettings ? context.Children.PackageFeedVariables : [],
        };
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, cancellationToken);
        var result = await new ToolRunner(context.Logger, context.Children).RunAsync(invocation, linked.Token);
        return OutputExtensions.FromResult(result);
    }

    /// <summary>Runs each settings object, up to <paramref name="degreeOfParallelism"/> at once (Nuke's CombineWith form).</summary>
    public static IReadOnlyCollection<Output> Run<T>(IEnumerable<T> settings, int degreeOfParallelism = 1, bool completeOnFailure = false) where T : ToolSettings
    {
        var list = settings.ToList();
        var outputs = new IReadOnlyCollection<Output>[list.Count];
        var failures = new List<Exception>();
        var ambient = BuildContext.Ambient;
        Parallel.For(0, list.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, degreeOfParallelism) }, (i, state) =>
        {
            BuildContext.Ambient = ambient;
            try
            {
                outputs[i] = Run(list[i]);
            }
            catch (Exception e)
            {
                lock (failures) failures.Add(e);
                if (!completeOnFailure) state.Stop();
            }
        });
        if (failures.Count == 1) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failures[0]);
        if (failures.Count > 1) throw new AggregateException(failures);
        return outputs.Where(o => o is not null).SelectMany(o => o).ToList();
    }
}
