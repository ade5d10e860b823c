using System.ComponentModel;
using System.Globalization;
using System.Reflection;

namespace Nuke.Common.Tooling;

/// <summary>
/// A closed set of named values, as Nuke's template <c>Configuration</c>: static fields of the subclass are the
/// values; equality is by <see cref="Value"/>, ignoring case.
/// </summary>
public abstract class Enumeration : IEquatable<Enumeration>
{
    public string Value { get; set; } = "";

    public override string ToString() => Value;

    public bool Equals(Enumeration? other) =>
        other is not null && other.GetType() == GetType() && string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => obj is Enumeration other && Equals(other);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    public static bool operator ==(Enumeration? left, Enumeration? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(Enumeration? left, Enumeration? right) => !(left == right);

    /// <summary>The values an enumeration type declares as public static fields or properties.</summary>
    public static IReadOnlyList<Enumeration> GetValues(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => type.IsAssignableFrom(f.FieldType)).Select(f => f.GetValue(null))
            .Concat(type.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => type.IsAssignableFrom(p.PropertyType)).Select(p => p.GetValue(null)))
            .OfType<Enumeration>().ToList();
}

/// <summary>Converts text to an <see cref="Enumeration"/> value by name, so <c>--configuration release</c> works.</summary>
public class TypeConverter<T> : TypeConverter where T : Enumeration
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
    {
        if (value is not string text) return base.ConvertFrom(context, culture, value);
        var values = Enumeration.GetValues(typeof(T));
        return values.FirstOrDefault(v => string.Equals(v.Value, text.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new FormatException($"'{text}' is not one of {string.Join(", ", values.Select(v => v.Value))}.");
    }
}
