namespace Nuke.Common.Utilities;

/// <summary>Nuke's string helpers (<c>using Nuke.Common.Utilities;</c>).</summary>
public static class StringExtensions
{
    public static bool IsNullOrEmpty(this string? text) => string.IsNullOrEmpty(text);
    public static bool IsNullOrWhiteSpace(this string? text) => string.IsNullOrWhiteSpace(text);
    public static bool EqualsOrdinalIgnoreCase(this string? text, string? other) => string.Equals(text, other, StringComparison.OrdinalIgnoreCase);
    public static bool ContainsOrdinalIgnoreCase(this string text, string other) => text.Contains(other, StringComparison.OrdinalIgnoreCase);
    public static bool StartsWithOrdinalIgnoreCase(this string text, string other) => text.StartsWith(other, StringComparison.OrdinalIgnoreCase);
    public static bool EndsWithOrdinalIgnoreCase(this string text, string other) => text.EndsWith(other, StringComparison.OrdinalIgnoreCase);
    public static string Join(this IEnumerable<string> values, string separator) => string.Join(separator, values);
    public static string JoinComma(this IEnumerable<string> values) => string.Join(", ", values);
    public static string JoinSpace(this IEnumerable<string> values) => string.Join(" ", values);
    public static string JoinNewLine(this IEnumerable<string> values) => string.Join(Environment.NewLine, values);
    public static string DoubleQuote(this string text) => "\"" + text.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    public static string SingleQuote(this string text) => "'" + text.Replace("'", "\\'", StringComparison.Ordinal) + "'";
    public static string TrimStart(this string text, string prefix) => text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : text;
    public static string TrimEnd(this string text, string suffix) => text.EndsWith(suffix, StringComparison.Ordinal) ? text[..^suffix.Length] : text;
}
