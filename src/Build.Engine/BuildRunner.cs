using System.Diagnostics;
using System.Linq.Expressions;
using Nuke.Common.CommandLine;
using Nuke.Common.CI;
using Nuke.Common.Execution;
using Nuke.Common.Hosts;
using Nuke.Common.Output;
using Nuke.Common.Parameters;
using Nuke.Common.Schema;
using Nuke.Common.Tooling;
using Serilog;
using Serilog.Events;
using Nuke.Common.IO;

namespace Nuke.Common;

/// <summary>What one run gets from outside: everything a test needs to inject to run a build in-process.</summary>
internal sealed record BuildRunOptions
{
    public IReadOnlyList<string> Arguments { get; init; } = [];
    public required IReadOnlyDictionary<string, string> Environment { get; init; }
    public required string WorkingDirectory { get; init; }
    public required TextWriter Output { get; init; }
    public SecretMasker Secrets { get; init; } = new();
    public CancellationToken CancellationToken { get; init; }
    /// <summary>Also make the build's logger Serilog's static Log.Logger (the real process only).</summary>
    public bool SetStaticLogger { get; init; }
    /// <summary>The real process's multicore JIT profile, if it started one.</summary>
    public StartupProfile? StartupProfile { get; init; }
}

internal sealed record BuildRunResult(int ExitCode, NukeBuild? Build, ExecutionPlan? Plan)
{
    public TargetStatus StatusOf(string target) => Plan?.Targets.FirstOrDefault(t => t.Name == target)?.Status
        ?? throw new InvalidOperationException($"{target} is not in the plan.");

    public string? ReasonOf(string target) => Plan?.Targets.FirstOrDefault(t => t.Name == target)?.Reason;
}

/// <summary>
/// One build run from command line to exit code: parse, detect host, construct the build, inject parameters,
/// plan, inject lazy values, check requirements, execute, clean up, summarize.
/// </summary>
internal static class BuildRunner
{
    public const int Failed = 1;
    public const int Cancelled = 130;

    public static Task<BuildRunResult> RunAsync<T>(BuildRunOptions options, params Expression<Func<T, Target>>[] defaultTargets)
        where T : NukeBuild, new()
    {
        var names = new string[defaultTargets.Length];
        for (var i = 0; i < names.Length; i++) names[i] = TargetDiscovery.TargetName(defaultTargets[i]);
        return RunAsync(options, static () => new T(), typeof(T), names);
    }

    /// <summary>The build object with its targets and parameters discovered, nothing injected yet.</summary>
    private sealed record Prepared(BuildContext Context, NukeBuild Build, BuildMembers Members, IReadOnlyList<ExecutableTarget> Targets, IReadOnlyList<ParameterMember> Parameters);

    // --help stays synchronous and small: the big async method below is only JIT-compiled for real runs.
    private static Task<BuildRunResult> RunAsync(BuildRunOptions options, Func<NukeBuild> create, Type buildType, IReadOnlyList<string> defaultTargets)
    {
        CommandLineArguments arguments;
        try
        {
            arguments = CommandLineParser.Parse(options.Arguments);
        }
        catch (BuildException e)
        {
            options.Output.WriteLine(options.Secrets.Mask(Spelling.Render(e.ToString())));
            options.Output.Flush();
            return Task.FromResult(new BuildRunResult(Failed, null, null));
        }
        return arguments.Help
            ? Task.FromResult(Help(options, arguments, create, buildType, defaultTargets))
            : RunBuildAsync(options, arguments, create, buildType, defaultTargets);
    }

    private static BuildRunResult Help(BuildRunOptions options, CommandLineArguments arguments, Func<NukeBuild> create, Type buildType, IReadOnlyList<string> defaultTargets)
    {
        try
        {
            // The help text is the same on every host: finding which one runs (loading every library the build
            // references to look for hosts) is skipped unless --host asks for one, which must then exist.
            var prepared = Prepare(options, arguments, Serilog.Core.Logger.None, create, buildType, defaultTargets, detectHost: arguments.Host is not null);
            CheckOptions(arguments, prepared.Parameters);
            HelpWriter.Write(options.Output, prepared.Targets, prepared.Parameters);
            return new BuildRunResult(0, prepared.Build, null);
        }
        catch (BuildException e)
        {
            options.Output.WriteLine(options.Secrets.Mask(Spelling.Render(e.ToString())));
            options.Output.Flush();
            return new BuildRunResult(Failed, null, null);
        }
        finally
        {
            BuildContext.Ambient = null;
        }
    }

    private static Prepared Prepare(BuildRunOptions options, CommandLineArguments arguments, ILogger logger, Func<NukeBuild> create, Type buildType, IReadOnlyList<string> defaultTargets, bool detectHost = true)
    {
        var root = arguments.Root is { } r ? AbsolutePath.Resolve(r, options.WorkingDirectory) : FindRoot(options.WorkingDirectory);
        var host = detectHost ? HostDiscovery.Detect(buildType.Assembly, name => options.Environment.GetValueOrDefault(name), arguments.Host) : new Terminal();
        var context = new BuildContext
        {
            RootDirectory = root,
            Host = host,
            BuildAssembly = buildType.Assembly,
            Environment = options.Environment,
            Secrets = options.Secrets,
            Logger = logger,
            CancellationToken = options.CancellationToken,
        };
        BuildContext.Ambient = context;
        RegisterEnvironmentSecrets(options, host);
        var build = create();
        var members = BuildMembers.Of(buildType);
        var targets = TargetDiscovery.Discover(build, members);
        foreach (var name in defaultTargets) ExecutionPlanner.Find(targets, name).IsDefault = true;
        var parameters = ParameterMember.Discover(members);
        return new Prepared(context, build, members, targets, parameters);
    }

    private static async Task<BuildRunResult> RunBuildAsync(BuildRunOptions options, CommandLineArguments arguments, Func<NukeBuild> create, Type buildType, IReadOnlyList<string> defaultTargets)
    {
        var stopwatch = Stopwatch.StartNew();
        var output = options.Output;
        var masker = options.Secrets;
        var sink = new BuildLogSink(output, masker, arguments.Verbosity);
        ILogger logger = new DeferredLogger(() => new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger());
        if (options.SetStaticLogger) Log.Logger = logger;

        NukeBuild? build = null;
        ExecutionPlan? plan = null;
        BuildContext? context = null;
        var succeeded = false;
        var showSummary = false;
        try
        {
            var prepared = Prepare(options, arguments, logger, create, buildType, defaultTargets);
            (context, build) = (prepared.Context, prepared.Build);
            var (root, host, targets, parameters) = (context.RootDirectory, context.Host, prepared.Targets, prepared.Parameters);
            CheckOptions(arguments, parameters);
            BuildLifecycle.Created(build, buildType, logger);

            SweepLeftovers(context, logger);
            // A run that skips everything (a tag pipeline) decides so from the environment and the host alone, before
            // .nuke/parameters.json is read: parsing it was the largest part of such a run's own work.
            if (!arguments.GenerateConfiguration && build.GetSkipAllReason() is { } skipAllReason)
            {
                // The engine's own fixed lines go to the sink directly: a run that logs nothing else never builds Serilog's pipeline.
                if (!arguments.NoLogo) sink.Write(LogEventLevel.Information, $"Build on {host.Name} in {root}");
                plan = ExecutionPlanner.Plan(targets, arguments.Targets.Count > 0 ? arguments.Targets : ParametersFile.Read(root / ".nuke").List("Target") ?? defaultTargets);
                ExecutionPlanner.SkipAll(plan, skipAllReason);
                sink.Write(LogEventLevel.Information, $"Skipping all targets: {skipAllReason}");
                showSummary = succeeded = true;
                return new BuildRunResult(0, build, plan);
            }

            var json = ParametersFile.Read(root / ".nuke");
            new ParameterInjector(arguments.ParameterOptions, options.Environment, json, root).Inject(build, parameters, masker);
            if (!arguments.NoLogo) sink.Write(LogEventLevel.Information, $"Build on {host.Name} in {root}");

            var invoked = arguments.Targets.Count > 0 ? arguments.Targets : json.List("Target") ?? defaultTargets;
            var skip = arguments.Skip ?? json.List("Skip");

            var configuration = ConfigurationGenerator.Create(buildType, root, targets, parameters);
            if (arguments.GenerateConfiguration)
            {
                foreach (var (file, written) in configuration.Write())
                    logger.Information(written ? "Wrote {File:l} in {Root:l}" : "{File:l} in {Root:l} is unchanged", file, root);
                if (!configuration.Any) logger.Warning("The build declares no CI configuration ([ConfigurationAttributeBase] attributes on the build class).");
                return new BuildRunResult(0, build, null);
            }

            sink.AttachFile(OpenLogFile(root / ".nuke" / "temp"));
            // Generating costs more than the rest of a short run; the stamp (the build's identity, the files' stats, then
            // their hash) says when it is due.
            var schema = root / ".nuke" / "build.schema.json";
            var stamp = GeneratedFilesStamp.Create(buildType, configuration.AttributeTypes, root, ((INukeBuild)build).TemporaryDirectory, [schema, .. configuration.Files, .. configuration.InputFiles]);
            bool? setUp = null;
            async Task RefreshAsync()
            {
                if (stamp.IsCurrent) return;
                options.StartupProfile?.Discard();
                WriteIfChanged(schema, SchemaWriter.Generate(targets, parameters));
                configuration.WriteAndLog(logger);
                GitIgnoreEntries.Ensure(root, logger);
                // The repository is set up once a run; one that could not finish (GitVersion.yml before the first
                // commit) keeps the stamp stale, so the next run asks again.
                setUp ??= await ValueInjector.SetUpRepositoryAsync(build, prepared.Members, options.CancellationToken);
                if (setUp == true) stamp.Save();
            }
            if (host.IsServerBuild) configuration.Verify();
            else await RefreshAsync();

            plan = ExecutionPlanner.Plan(targets, invoked);
            ExecutionPlanner.ApplySkips(plan, skip?.Select(name => ExecutionPlanner.Find(targets, name)).ToList());
            if (arguments.Plan)
            {
                PlanWriter.Write(output, plan);
                return new BuildRunResult(0, build, plan);
            }

            showSummary = true;
            if (plan.AnyToExecute)
            {
                await ValueInjector.InjectAsync(build, prepared.Members, masker, options.CancellationToken);
                BuildLifecycle.Initialized(build, buildType);
                RequirementChecker.Check(plan, parameters);
            }
            await new BuildExecutor(host, logger, output, e => BuildLogSink.DescribeException(e, arguments.Verbosity), context, new BuildLifecycle(build))
                .ExecuteAsync(plan, options.CancellationToken);
            succeeded = plan.Succeeded && !options.CancellationToken.IsCancellationRequested;
            // A target may have changed what the CI files are made from (CreateDeployKey writes the key file).
            if (!host.IsServerBuild && succeeded) await RefreshAsync();
            BuildLifecycle.Finished(build, buildType, succeeded, logger);
            return new BuildRunResult(succeeded ? 0 : options.CancellationToken.IsCancellationRequested ? Cancelled : Failed, build, plan);
        }
        catch (Exception e)
        {
            showSummary = true;
            logger.Error("{Error}", BuildLogSink.DescribeException(e, arguments.Verbosity));
            // The summary speaks of statuses a user knows: what never started is NotRun, not an internal Pending.
            foreach (var planned in plan?.Targets.Where(t => t.Status == TargetStatus.Pending) ?? [])
                planned.NotRun("the build stopped before it started (see the error above)");
            return new BuildRunResult(options.CancellationToken.IsCancellationRequested ? Cancelled : Failed, build, plan);
        }
        finally
        {
            if (context is not null)
            {
                await context.RunCleanupsAsync();
                context.DisposeChildren();
            }
            if (showSummary)
            {
                SummaryWriter.Write(output, plan, plan is null ? [] : sink.Problems, succeeded, DateTimeOffset.UtcNow, stopwatch.Elapsed);
                foreach (var line in context?.FinalLines ?? []) output.WriteLine(line);
            }
            output.Flush();
            sink.DetachFile();
            ((IDisposable)logger).Dispose();
            BuildContext.Ambient = null;
        }
    }

    /// <summary>
    /// Secrets the run did not create but inherits — the host's token variables and anything shaped like a private key
    /// or an ID token, whatever its name — are masked before the first line is printed.
    /// </summary>
    private static void RegisterEnvironmentSecrets(BuildRunOptions options, Host host)
    {
        foreach (var name in host.SecretVariables)
            options.Secrets.Add(options.Environment.GetValueOrDefault(name));
        foreach (var (_, value) in options.Environment)
            if (SecretShape.IsSecret(value)) options.Secrets.Add(value);
    }

    /// <summary>What killed earlier runs of this user left (private directories, their children) is removed before this run starts.</summary>
    private static void SweepLeftovers(BuildContext context, ILogger logger)
    {
        foreach (var removed in RunScratch.SweepLeftovers(RunScratch.DefaultCandidates(name => context.Environment.GetValueOrDefault(name))))
            logger.Information("Removed what an earlier, killed run left: {Leftover:l}", removed);
    }

    /// <summary>The nearest directory, from the working directory up, that contains .nuke/.</summary>
    private static AbsolutePath FindRoot(string workingDirectory)
    {
        for (var directory = AbsolutePath.Create(Path.GetFullPath(workingDirectory)); directory is not null; directory = directory.Parent)
            if ((directory / ".nuke").DirectoryExists()) return directory;
        throw new BuildException($"No directory from {workingDirectory} upwards contains a .nuke directory.",
            "Run the build inside the repository, or pass --root <repository directory>.");
    }

    private static void CheckOptions(CommandLineArguments arguments, IReadOnlyList<ParameterMember> parameters)
    {
        var known = parameters.Select(p => NameText.Normalize(p.Name)).ToHashSet();
        var unknown = arguments.ParameterOptions.Values.Where(o => !known.Contains(NameText.Normalize(o.Spelling.TrimStart('-')))).ToList();
        if (unknown.Count > 0)
            throw new BuildException($"Unknown option{(unknown.Count > 1 ? "s" : "")}: {string.Join(", ", unknown.Select(o => o.Spelling))}.",
                "Run ./build.sh --help to list the options and parameters.");
    }

    private static StreamWriter OpenLogFile(AbsolutePath temporaryDirectory)
    {
        temporaryDirectory.CreateDirectory();
        return new StreamWriter(temporaryDirectory / "build.log", append: false) { AutoFlush = true };
    }

    private static void WriteIfChanged(AbsolutePath path, string content)
    {
        if (path.FileExists() && path.ReadAllText() == content) return;
        path.WriteAllText(content);
    }
}
