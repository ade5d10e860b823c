namespace Nuke.Common.Tooling;

/// <summary>
/// A process's argument list. Each argument stays one element up to the process start (no shell in between), so a
/// value with spaces or quotes needs no escaping; <see cref="RenderForOutput"/> quotes for display only.
/// </summary>
public sealed class Arguments
{
    private readonly List<string> _items = [];
    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Items => _items;

    /// <summary>Values the task marks secret (an API key); the build masks them in everything it prints.</summary>
    public IReadOnlyCollection<string> Secrets => _secrets;

    public Arguments Add(string argument)
    {
        _items.Add(argument);
        return this;
    }

    /// <summary>Adds <paramref name="format"/> with <c>{value}</c> replaced, split at the first space into option and value.</summary>
    public Arguments Add(string format, object? value, bool secret = false)
    {
        if (value is null || value is string { Length: 0 }) return this;
        var text = Format(value);
        if (secret) _secrets.Add(text);
        var index = format.IndexOf(" {value}", StringComparison.Ordinal);
        if (index >= 0)
        {
            _items.Add(format[..index]);
            _items.Add(text);
        }
        else _items.Add(format.Replace("{value}", text, StringComparison.Ordinal));
        return this;
    }

    /// <summary>A switch: added when <paramref name="value"/> is true.</summary>
    public Arguments Add(string option, bool? value)
    {
        if (value == true) _items.Add(option);
        return this;
    }

    public Arguments Add(string format, IReadOnlyList<string>? values)
    {
        foreach (var value in values ?? []) Add(format, value);
        return this;
    }

    /// <summary>Key/value pairs as <c>/property:Key=Value</c>; MSBuild's separators in values are escaped.</summary>
    public Arguments AddProperties(string prefix, IEnumerable<KeyValuePair<string, object?>>? properties)
    {
        foreach (var (key, value) in properties ?? [])
            if (value is not null)
                _items.Add($"{prefix}{key}={EscapeMSBuild(Format(value))}");
        return this;
    }

    public string RenderForOutput() => string.Join(' ', _items.Select(Quote));

    public override string ToString() => RenderForOutput();

    /// <summary>Splits a command line the way a POSIX shell would for plain words and quotes (no expansion).</summary>
    public static IReadOnlyList<string> Split(string? commandLine)
    {
        var result = new List<string>();
        if (string.IsNullOrWhiteSpace(commandLine)) return result;
        var current = new System.Text.StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in commandLine)
        {
            if (quote is { } q)
            {
                if (c == q) quote = null;
                else current.Append(c);
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) result.Add(current.ToString());
                current.Clear();
                inWord = false;
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }
        if (quote is not null) throw new FormatException($"Unclosed quote in arguments: {commandLine}");
        if (inWord) result.Add(current.ToString());
        return result;
    }

    private static string Format(object value) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string EscapeMSBuild(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace(";", "%3B", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? argument : "\"" + argument.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
