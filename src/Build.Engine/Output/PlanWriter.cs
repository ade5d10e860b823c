using Nuke.Common.Execution;

namespace Nuke.Common.Output;

/// <summary>The text of --plan: scheduled targets in execution order, with why each is there or skipped.</summary>
internal static class PlanWriter
{
    public static void Write(TextWriter output, ExecutionPlan plan)
    {
        output.WriteLine("Execution plan:");
        var width = plan.Targets.Select(t => t.Name.Length).DefaultIfEmpty(0).Max() + 2;
        var number = 0;
        foreach (var planned in plan.Targets)
        {
            var target = planned.Target;
            var notes = new List<string>();
            if (planned.Invoked) notes.Add("invoked");
            if (target.Dependencies.Count > 0) notes.Add($"after {string.Join(", ", target.Dependencies.Select(d => d.Name))}");
            if (target.TriggeredBy.Count > 0) notes.Add($"triggered by {string.Join(", ", target.TriggeredBy.Select(d => d.Name))}");
            if (target.IsCollective) notes.Add("collective");
            if (target.Definition.IsAssuredAfterFailure) notes.Add("assured");
            if (target.Definition.DynamicConditions.Count > 0)
                notes.Add($"only when {string.Join(" and ", target.Definition.DynamicConditions.Select(c => c.Text))}");
            var prefix = planned.Status == TargetStatus.Skipped ? "  -  " : $"  {++number,2}.";
            var skipped = planned.Status == TargetStatus.Skipped ? $"skipped: {planned.Reason}; " : "";
            output.WriteLine($"{prefix} {planned.Name.PadRight(width)}{skipped}{string.Join("; ", notes)}".TrimEnd());
        }
        output.Flush();
    }
}
