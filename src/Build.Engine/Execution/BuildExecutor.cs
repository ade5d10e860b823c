using System.Diagnostics;
using Nuke.Common.Hosts;
using Nuke.Common.Output;
using Serilog;

namespace Nuke.Common.Execution;

/// <summary>
/// Runs a plan: each pending target in order, inside its host section, with dynamic conditions evaluated just before.
/// After a failure (or cancellation) only assured targets run; the rest are NotRun.
/// </summary>
internal sealed class BuildExecutor(Host host, ILogger log, TextWriter output, Func<Exception, string> describe, BuildContext? context = null, ITargetLifecycle? lifecycle = null)
{
    public async Task ExecuteAsync(ExecutionPlan plan, CancellationToken cancellationToken)
    {
        var stopped = false;
        foreach (var planned in plan.Targets)
        {
            if (planned.Status != TargetStatus.Pending) continue;
            var definition = planned.Target.Definition;
            var interrupted = stopped || cancellationToken.IsCancellationRequested;
            if (interrupted && !definition.IsAssuredAfterFailure)
            {
                planned.NotRun(cancellationToken.IsCancellationRequested ? "build cancelled" : "an earlier target failed");
                continue;
            }
            if (!interrupted && planned.Target.Dependencies.Select(plan.Find).FirstOrDefault(d => d?.Status is TargetStatus.Failed or TargetStatus.NotRun) is { } failedDependency)
            {
                planned.NotRun($"{failedDependency.Name} did not succeed");
                continue;
            }

            if (definition.DynamicConditions.FirstOrDefault(c => !c.IsMet()) is { } falseCondition)
            {
                planned.Skip(falseCondition.SkipReason());
                log.Debug("Skipping {Target}: {Reason}", planned.Name, planned.Reason);
                lifecycle?.Skipped(planned.Name);
                continue;
            }
            if (planned.Target.IsCollective)
            {
                planned.Collect();
                continue;
            }

            // An assured target after Ctrl+C/SIGTERM still needs a live token to clean up.
            using var assuredTime = cancellationToken.IsCancellationRequested ? new CancellationTokenSource(TimeSpan.FromMinutes(2)) : null;
            var token = assuredTime?.Token ?? cancellationToken;

            WriteRaw(host.BeginSection(planned.Name, planned.Name));
            log.Information("");
            log.Information("═══ {Target} ═══", planned.Name);
            var stopwatch = Stopwatch.StartNew();
            context?.SetTargetToken(token);
            try
            {
                lifecycle?.Running(planned.Name);
                foreach (var action in definition.Actions)
                {
                    token.ThrowIfCancellationRequested();
                    await action(token);
                }
                // A throwing OnTargetSucceeded fails the target, so the status is set after it.
                lifecycle?.Succeeded(planned.Name);
                planned.Succeed(stopwatch.Elapsed);
            }
            catch (Exception e)
            {
                var cancelled = e is OperationCanceledException && cancellationToken.IsCancellationRequested;
                planned.Fail(cancelled ? "cancelled" : FirstLine(describe(e)), stopwatch.Elapsed);
                if (cancelled) log.Error("{Target} was cancelled.", planned.Name);
                else log.Error("{Target} failed: {Error}", planned.Name, describe(e));
                if (!definition.IsProceedAfterFailure || cancelled) stopped = true;
                lifecycle?.Failed(planned.Name, log);
            }
            finally
            {
                context?.SetTargetToken(null);
                WriteRaw(host.EndSection(planned.Name));
            }
        }
    }

    private void WriteRaw(string? text)
    {
        if (text is null) return;
        output.Write(text.EndsWith('\n') ? text : text + "\n");
        output.Flush();
    }

    private static string FirstLine(string text)
    {
        var index = text.IndexOfAny(['\r', '\n']);
        return index < 0 ? text : text[..index];
    }
}
