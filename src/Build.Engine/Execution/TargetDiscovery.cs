using System.Linq.Expressions;
using System.Reflection;

namespace Nuke.Common.Execution;

/// <summary>Finds the <see cref="Target"/> properties of a build and resolves their relations.</summary>
internal static class TargetDiscovery
{
    public static IReadOnlyList<ExecutableTarget> Discover(NukeBuild build, BuildMembers buildMembers)
    {
        // Class targets first (an explicit implementation `Target ICompile.Compile` counts as the class's Compile),
        // then the targets of the component interfaces the class does not define itself.
        // Plain loops over the members, no tuples: LINQ over value tuples is generic code the runtime JITs on every run.
        var properties = new List<BuildMember>();
        var shadowed = new List<BuildMember>();
        foreach (var member in buildMembers.All)
        {
            if (member.Member is not PropertyInfo property || !IsTarget(property)) continue;
            if (!member.IsHidden) properties.Add(member);
            else if (member.FromComponent) shadowed.Add(member);
        }

        // A target is known by its lambda's method: every read of `Target X => _ => ...` yields an equal delegate.
        var byMethod = new Dictionary<MethodInfo, ExecutableTarget>();
        var targets = new List<ExecutableTarget>();
        foreach (var member in properties)
        {
            var (name, property) = (member.Name, (PropertyInfo)member.Member);
            var target = Read(property, name);
            var definition = new TargetDefinition(build, property, name);
            target(definition);
            var executable = new ExecutableTarget(name, definition, targets.Count);
            byMethod[target.Method] = executable;
            targets.Add(executable);
        }
        // A class target hides a component's target of the same name: references to the component's one mean the class's.
        foreach (var member in shadowed)
            byMethod.TryAdd(Read((PropertyInfo)member.Member, member.Name).Method, targets.First(t => t.Name == member.Name));

        Target Read(PropertyInfo property, string name) => (Target?)property.GetValue(build)
            ?? throw new BuildException($"Target '{name}' is null.", $"Give {name} a definition: Target {name} => _ => _.Executes(...);");

        foreach (var target in targets)
        {
            var definition = target.Definition;
            foreach (var other in Resolve(definition.DependsOnTargets)) AddOnce(target.Dependencies, other);
            foreach (var other in Resolve(definition.DependentForTargets)) AddOnce(other.Dependencies, target);
            foreach (var other in Resolve(definition.AfterTargets)) AddOnce(target.OrderedAfter, other);
            foreach (var other in Resolve(definition.BeforeTargets)) AddOnce(other.OrderedAfter, target);
            foreach (var other in Resolve(definition.TriggersTargets)) Trigger(target, other);
            foreach (var other in Resolve(definition.TriggeredByTargets)) Trigger(other, target);

            IEnumerable<ExecutableTarget> Resolve(List<Target> references) => references.Select(reference =>
                byMethod.GetValueOrDefault(reference.Method)
                ?? throw new BuildException($"Target '{target.Name}' refers to a target that is not a Target property of the build.",
                    "Refer to targets through their properties, e.g. .DependsOn(Compile)."));
        }
        return targets;
    }

    private static bool IsTarget(PropertyInfo property) => property.PropertyType == typeof(Target) && property.GetIndexParameters().Length == 0;

    /// <summary>The target a default-target expression like <c>x => x.Compile</c> names; no compilation needed.</summary>
    public static string TargetName(LambdaExpression expression) =>
        expression.Body is MemberExpression { Member: PropertyInfo property } ? property.Name
            : throw new BuildException($"The default target '{expression}' is not a target property.", "Use Execute<Build>(x => x.Compile).");

    private static void Trigger(ExecutableTarget source, ExecutableTarget triggered)
    {
        AddOnce(source.Triggers, triggered);
        AddOnce(triggered.TriggeredBy, source);
    }

    private static void AddOnce(List<ExecutableTarget> list, ExecutableTarget target)
    {
        if (!list.Contains(target)) list.Add(target);
    }
}
