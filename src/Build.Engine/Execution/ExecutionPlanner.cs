using System.Linq.Expressions;
using Nuke.Common.CommandLine;

namespace Nuke.Common.Execution;

/// <summary>
/// Decides what runs and in which order, without running anything: schedules the invoked targets with their
/// dependencies and triggers, orders them (dependencies, After/Before, triggers), and applies --skip and static conditions.
/// </summary>
internal static class ExecutionPlanner
{
    public static ExecutableTarget Find(IReadOnlyList<ExecutableTarget> targets, string name) =>
        targets.FirstOrDefault(t => NameText.Normalize(t.Name) == NameText.Normalize(name))
        ?? throw new BuildException($"Target '{name}' does not exist.",
            $"Use one of: {string.Join(", ", targets.Where(t => !t.Definition.IsUnlisted).Select(t => t.Name))}.");

    public static ExecutionPlan Plan(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<string> invokedNames)
    {
        var invoked = invokedNames.Select(name => Find(targets, name)).Distinct().ToList();

        var scheduled = new HashSet<ExecutableTarget>();
        var pending = new Stack<ExecutableTarget>(invoked);
        while (pending.TryPop(out var target))
            if (scheduled.Add(target))
                foreach (var next in target.Dependencies.Concat(target.Triggers))
                    pending.Push(next);

        var order = new List<ExecutableTarget>();
        var done = new HashSet<ExecutableTarget>();
        var path = new List<ExecutableTarget>();
        var triggeredQueue = new Queue<ExecutableTarget>();

        void Visit(ExecutableTarget target)
        {
            if (done.Contains(target)) return;
            var index = path.IndexOf(target);
            if (index >= 0)
            {
                var cycle = path.Skip(index).Append(target).Select(t => t.Name);
                throw new BuildException($"The targets form a cycle: {string.Join(" -> ", cycle)}.",
                    "Remove one of the DependsOn/After/Before/Triggers relations along that cycle.");
            }
            path.Add(target);
            foreach (var before in Predecessors(target).Where(scheduled.Contains)) Visit(before);
            path.RemoveAt(path.Count - 1);
            done.Add(target);
            order.Add(target);
            foreach (var triggered in target.Triggers) triggeredQueue.Enqueue(triggered);
        }

        // Triggered targets follow their trigger once the current chain is done (visiting them inside the chain
        // would report false cycles when they depend on a target further up).
        void VisitWithTriggers(ExecutableTarget target)
        {
            Visit(target);
            while (triggeredQueue.TryDequeue(out var triggered)) Visit(triggered);
        }

        foreach (var target in invoked) VisitWithTriggers(target);
        // Array.Sort, not OrderBy: LINQ's sort over an int key is generic code ReadyToRun leaves to the JIT on every run.
        var byDeclaration = scheduled.ToArray();
        Array.Sort(byDeclaration, static (a, b) => a.DeclarationIndex.CompareTo(b.DeclarationIndex));
        foreach (var target in byDeclaration) VisitWithTriggers(target);
        return new ExecutionPlan(order.Select(t => new PlannedTarget(t, invoked.Contains(t))).ToList());
    }

    /// <summary>
    /// Skips targets named by --skip (an empty list skips all but the invoked ones) and targets whose static condition
    /// is false, then cascades: a dependency is skipped too when every scheduled target needing it is skipped with
    /// <see cref="DependencyBehavior.Skip"/>.
    /// </summary>
    public static void ApplySkips(ExecutionPlan plan, IReadOnlyList<ExecutableTarget>? skipped)
    {
        foreach (var planned in plan.Targets)
        {
            if (skipped is not null && (skipped.Count == 0 ? !planned.Invoked : skipped.Contains(planned.Target)))
            {
                planned.Skip("--skip");
                continue;
            }
            foreach (var condition in planned.Target.Definition.StaticConditions)
            {
                if (condition.IsMet()) continue;
                planned.Skip(condition.SkipReason());
                break;
            }
        }
        Cascade(plan);
    }

    /// <summary>Skips every scheduled target with the same reason (a build-wide skip).</summary>
    public static void SkipAll(ExecutionPlan plan, string reason)
    {
        foreach (var planned in plan.Targets) planned.Skip(reason);
    }

    private static void Cascade(ExecutionPlan plan)
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var planned in plan.Targets)
            {
                if (planned.Status != TargetStatus.Pending || planned.Invoked) continue;
                var needers = plan.Targets
                    .Where(other => other.Target.Dependencies.Contains(planned.Target) || other.Target.Triggers.Contains(planned.Target))
                    .ToList();
                if (needers.Count == 0 || !needers.All(n => n.Status == TargetStatus.Skipped && n.Target.Definition.DependencyBehavior == DependencyBehavior.Skip))
                    continue;
                planned.Skip($"only needed by skipped {string.Join(", ", needers.Select(n => n.Name))}");
                changed = true;
            }
        } while (changed);
    }

    private static IEnumerable<ExecutableTarget> Predecessors(ExecutableTarget target) =>
        target.Dependencies.Concat(target.OrderedAfter).Concat(target.TriggeredBy);
}
