using System.Text.Json;
using Nuke.Common.CommandLine;
using Nuke.Common.Output;
using Nuke.Common.IO;

namespace Nuke.Common.Parameters;

/// <summary>
/// Sets [Parameter] members from the first source that has a value: command line, environment (member name,
/// UPPER_SNAKE, NUKE_ prefix, case-insensitive), .nuke/parameters.json (member name); otherwise the initializer stays.
/// </summary>
internal sealed class ParameterInjector
{
    private readonly IReadOnlyDictionary<string, ParameterOption> _options;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly Dictionary<string, (string Name, string Value)> _normalizedEnvironment = new(StringComparer.Ordinal);
    private readonly ParametersFile _json;
    private readonly string _rootDirectory;

    public ParameterInjector(IReadOnlyDictionary<string, ParameterOption> options, IReadOnlyDictionary<string, string> environment,
        ParametersFile json, string rootDirectory)
    {
        _options = options;
        _environment = environment;
        _json = json;
        _rootDirectory = rootDirectory;
        // In name order, so which of two variables that normalize alike wins does not depend on the environment's order.
        // Names sorted as strings: sorting the pairs themselves costs the runtime a JIT of the sorter on every run.
        var names = environment.Keys.ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        foreach (var name in names)
            _normalizedEnvironment.TryAdd(NameText.Normalize(name), (name, environment[name]));
    }

    public void Inject(NukeBuild build, IReadOnlyList<ParameterMember> members, SecretMasker masker)
    {
        foreach (var member in members)
        {
            if (!TryGetValue(member, masker, out var value, out var source)) continue;
            member.SetValue(build, value);
            if (member.IsSecret) RegisterSecret(masker, value);
        }
        // Secrets given through the initializer or already set are masked as well.
        foreach (var member in members.Where(m => m.IsSecret)) RegisterSecret(masker, member.GetValue(build));
    }

    private bool TryGetValue(ParameterMember member, SecretMasker masker, out object? value, out string source)
    {
        var normalized = NameText.Normalize(member.Name);
        if (_options.TryGetValue(normalized, out var option))
        {
            source = $"command-line option {option.Spelling}";
            Guard(member, masker, source, string.Join(" ", option.Values));
            value = Convert(member, source, option.Values.Count == 0 ? "" : string.Join(" ", option.Values),
                () => ParameterConverter.FromText(option.Values, member.Type, _rootDirectory, member.Attribute.Separator));
            return true;
        }
        if (FindEnvironment(member) is { } variable)
        {
            source = $"environment variable {variable.Name}";
            Guard(member, masker, source, variable.Value);
            value = Convert(member, source, variable.Value,
                () => ParameterConverter.FromText([variable.Value], member.Type, _rootDirectory, member.Attribute.Separator));
            return true;
        }
        if (_json.TryFind(normalized, out var property, out var json))
        {
            source = $".nuke/{ParametersFile.FileName} property \"{property}\"";
            if (json.ValueKind == JsonValueKind.String) Guard(member, masker, source, json.GetString() ?? "");
            value = Convert(member, source, json.GetRawText(), () => ParameterConverter.FromJson(json, member.Type, _rootDirectory));
            return true;
        }
        value = null;
        source = "";
        return false;
    }

    /// <summary>
    /// A secret-shaped value is masked wherever it goes; where a path is expected, a private key, an ID token or several
    /// lines are refused without being shown: they are a secret in the wrong variable (GitLab cannot mask multi-line values).
    /// </summary>
    private static void Guard(ParameterMember member, SecretMasker masker, string source, string raw)
    {
        var shape = SecretShape.Describe(raw);
        if (shape is not null) masker.Add(raw);
        if ((Nullable.GetUnderlyingType(member.Type) ?? member.Type) != typeof(AbsolutePath)) return;
        if (shape is null && !raw.Trim().Contains('\n')) return;
        masker.Add(raw);
        throw new BuildException(
            $"Parameter {member.Name} is a file path, but {source} holds {shape ?? "several lines"} (not shown). A secret is never accepted as a path.",
            $"Set {source} to the path of the file (e.g. {member.EnvironmentName}=path/to/file), not to its content; "
            + "if that variable holds a secret for another tool, leave it unset for this job, and rotate it if it is real: it was in this job's environment.");
    }

    private (string Name, string Value)? FindEnvironment(ParameterMember member)
    {
        foreach (var name in new[] { member.Name, member.EnvironmentName, "NUKE_" + member.EnvironmentName })
            if (_environment.TryGetValue(name, out var exact)) return (name, exact);
        var normalized = NameText.Normalize(member.Name);
        if (_normalizedEnvironment.TryGetValue(normalized, out var lenient)) return lenient;
        if (_normalizedEnvironment.TryGetValue("nuke" + normalized, out var prefixed)) return prefixed;
        return null;
    }

    private static object? Convert(ParameterMember member, string source, string raw, Func<object?> convert)
    {
        try
        {
            return convert();
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidOperationException or ArgumentException)
        {
            var shown = raw.Length == 0 ? "no value" : member.IsSecret || SecretShape.IsSecret(raw) || raw.Contains('\n') ? SecretMasker.Redacted : $"'{raw}'";
            var expected = ParameterConverter.Describe(member.Type);
            throw new BuildException($"Parameter {member.Name} got {shown} from {source}, which is not a valid {expected}.",
                $"Set {source} to a {expected}.");
        }
    }

    private static void RegisterSecret(SecretMasker masker, object? value)
    {
        switch (value)
        {
            case string text:
                masker.Add(text);
                break;
            case IEnumerable<string> values:
                foreach (var text in values) masker.Add(text);
                break;
            case IEnumerable<KeyValuePair<string, string>> pairs:
                foreach (var pair in pairs) masker.Add(pair.Value);
                break;
        }
    }
}
