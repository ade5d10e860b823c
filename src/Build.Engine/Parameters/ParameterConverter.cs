using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Nuke.Common.IO;

namespace Nuke.Common.Parameters;

/// <summary>Converts parameter text (command line, environment) or JSON (parameters.json) to the member's type.</summary>
internal static class ParameterConverter
{
    public static object? FromText(IReadOnlyList<string> values, Type type, string rootDirectory, char? separator)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string[]))
            return values.SelectMany(v => SplitList(v, separator)).ToArray();
        if (target == typeof(Dictionary<string, string>) || target == typeof(IReadOnlyDictionary<string, string>) || target == typeof(IDictionary<string, string>))
            return ToMap(values.SelectMany(v => SplitList(v, separator)));
        if (values.Count == 0)
            return target == typeof(bool) ? true : throw new FormatException("no value");
        if (values.Count > 1) throw new FormatException("more than one value");
        return FromScalar(values[0], target, rootDirectory);
    }

    public static object? FromJson(JsonElement element, Type type, string rootDirectory)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Array when target == typeof(string[]):
                return element.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToArray();
            case JsonValueKind.Object when target == typeof(Dictionary<string, string>) || target == typeof(IReadOnlyDictionary<string, string>) || target == typeof(IDictionary<string, string>):
                return element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
            case JsonValueKind.True or JsonValueKind.False when target == typeof(bool):
                return element.GetBoolean();
            case JsonValueKind.Number when target == typeof(int):
                return element.GetInt32();
            case JsonValueKind.String:
                return FromText([element.GetString()!], type, rootDirectory, separator: null);
            default:
                throw new FormatException(element.ValueKind.ToString());
        }
    }

    public static string Describe(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string)) return "text";
        if (target == typeof(bool)) return "boolean (true or false)";
        if (target == typeof(int)) return "whole number";
        if (target == typeof(AbsolutePath)) return "path";
        if (target == typeof(string[])) return "list of values";
        // The constants by reflection, in value order as Enum.GetNames gives them: Enum's name cache is generic code
        // ReadyToRun leaves to the JIT, and --help would compile it for this line alone.
        if (target.IsEnum) return $"one of {string.Join(", ", EnumNames(target).Select(KebabCase))}";
        if (typeof(Tooling.Enumeration).IsAssignableFrom(target)) return $"one of {string.Join(", ", Tooling.Enumeration.GetValues(target).Select(v => v.Value))}";
        if (target.IsAssignableFrom(typeof(Dictionary<string, string>))) return "list of key=value pairs";
        return target.Name;
    }

    private static List<string> EnumNames(Type type)
    {
        // Unsigned order, as Enum's: a negative value sorts after the positive ones. An insertion sort, since a generic
        // Array.Sort over the values would be compiled at run time too; enums are short.
        var names = new List<string>();
        var keys = new List<ulong>();
        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var value = field.GetRawConstantValue();
            var key = value is ulong unsigned ? unsigned : unchecked((ulong)Convert.ToInt64(value, CultureInfo.InvariantCulture));
            var at = keys.Count;
            while (at > 0 && keys[at - 1] > key) at--;
            keys.Insert(at, key);
            names.Insert(at, field.Name);
        }
        return names;
    }

    private static object FromScalar(string value, Type target, string rootDirectory)
    {
        if (target == typeof(string)) return value;
        if (target == typeof(bool))
            return value.Trim().ToLowerInvariant() switch
            {
                "true" or "1" or "yes" or "on" => true,
                "false" or "0" or "no" or "off" => false,
                _ => throw new FormatException(value),
            };
        if (target == typeof(int)) return int.Parse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);
        if (target == typeof(AbsolutePath))
            return string.IsNullOrWhiteSpace(value) ? throw new FormatException("empty path") : AbsolutePath.Resolve(value.Trim(), rootDirectory);
        if (target.IsEnum)
        {
            // Dashes and case are ignored, as in option names: deploy-key, DeployKey and DEPLOY_KEY name the same value.
            var wanted = value.Trim().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
            var match = Enum.GetNames(target).FirstOrDefault(n => string.Equals(n, wanted, StringComparison.OrdinalIgnoreCase));
            return match is null ? throw new FormatException(value) : Enum.Parse(target, match);
        }
        // Nuke's Enumeration parameters (the template's Configuration) and any type with a string TypeConverter.
        if (target.IsDefined(typeof(System.ComponentModel.TypeConverterAttribute), inherit: true)
            && System.ComponentModel.TypeDescriptor.GetConverter(target) is { } converter && converter.CanConvertFrom(typeof(string)))
            return converter.ConvertFromInvariantString(value.Trim()) ?? throw new FormatException(value);
        throw new FormatException($"unsupported parameter type {target.Name}");
    }

    /// <summary>How an enum value is spelled on the command line and in the schema: DeployKey is deploy-key.</summary>
    // The command line's own spelling (NameText), not System.Text.Json's naming policy: --help would load the JSON
    // library for it on every run.
    private static string KebabCase(string name) => Nuke.Common.CommandLine.NameText.ToKebabCase(name);

    private static IEnumerable<string> SplitList(string value, char? separator) =>
        separator is { } s
            ? value.Split(s, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : value.Split([',', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);

    private static Dictionary<string, string> ToMap(IEnumerable<string> pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var index = pair.IndexOf('=');
            if (index <= 0) throw new FormatException(pair);
            map[pair[..index].Trim()] = pair[(index + 1)..].Trim();
        }
        return map;
    }
}
