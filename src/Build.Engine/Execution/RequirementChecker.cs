using System.Collections;
using System.Reflection;
using Nuke.Common.Parameters;

namespace Nuke.Common.Execution;

/// <summary>Checks every requirement of the targets about to run, before any runs, and reports all failures at once.</summary>
internal static class RequirementChecker
{
    public static void Check(ExecutionPlan plan, IReadOnlyList<ParameterMember> parameters)
    {
        var failures = new List<string>();
        var fixes = new List<string>();
        foreach (var planned in plan.Targets.Where(t => t.Status == TargetStatus.Pending))
        {
            foreach (var requirement in planned.Target.Definition.Requirements)
            {
                object? value;
                try
                {
                    value = ConditionEvaluator.Evaluate(requirement);
                }
                catch (TargetInvocationException e) when (e.InnerException is not null)
                {
                    failures.Add($"{planned.Name} requires {ExpressionText.Render(requirement)}, which failed: {e.InnerException.Message}");
                    continue;
                }
                if (requirement.ReturnType == typeof(bool))
                {
                    if (value is true) continue;
                    failures.Add($"{planned.Name} requires {ExpressionText.Render(requirement)}.");
                    continue;
                }
                if (!IsMissing(value)) continue;
                var member = ExpressionText.RequiredMember(requirement);
                var name = member?.Name ?? ExpressionText.Render(requirement);
                failures.Add($"{planned.Name} requires {name}, which is not set.");
                if (parameters.FirstOrDefault(p => p.Member.Name == member?.Name) is { } parameter)
                    fixes.Add($"set {parameter.Name} with --{parameter.CliName}, the environment variable {parameter.EnvironmentName} or \"{parameter.Member.Name}\" in .nuke/parameters.json");
            }
        }
        if (failures.Count > 0)
            throw new BuildException(string.Join(Environment.NewLine, failures),
                fixes.Count > 0 ? string.Join("; ", fixes.Distinct()) + "." : "Provide the required values, or skip the targets that need them.");
    }

    private static bool IsMissing(object? value) => value switch
    {
        null => true,
        string text => string.IsNullOrWhiteSpace(text),
        ICollection collection => collection.Count == 0,
        _ => false,
    };
}
