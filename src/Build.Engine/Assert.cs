using System.Runtime.CompilerServices;
using Nuke.Common.IO;

namespace Nuke.Common;

/// <summary>Nuke's assertions: each failure is a <see cref="BuildException"/> that fails the target with the message.</summary>
public static class Assert
{
    public static void True(bool condition, string? message = null, [CallerArgumentExpression(nameof(condition))] string? expression = null)
    {
        if (!condition) throw new BuildException(message ?? $"Assertion failed: {expression}");
    }

    public static void False(bool condition, string? message = null, [CallerArgumentExpression(nameof(condition))] string? expression = null)
    {
        if (condition) throw new BuildException(message ?? $"Assertion failed: !({expression})");
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Fail(string message) => throw new BuildException(message);

    public static T NotNull<T>(this T? value, string? message = null, [CallerArgumentExpression(nameof(value))] string? expression = null) where T : class =>
        value ?? throw new BuildException(message ?? $"{expression} is null.");

    public static T NotNull<T>(this T? value, string? message = null, [CallerArgumentExpression(nameof(value))] string? expression = null) where T : struct =>
        value ?? throw new BuildException(message ?? $"{expression} is null.");

    public static string NotNullOrEmpty(this string? value, string? message = null, [CallerArgumentExpression(nameof(value))] string? expression = null) =>
        string.IsNullOrEmpty(value) ? throw new BuildException(message ?? $"{expression} is null or empty.") : value;

    public static string NotNullOrWhiteSpace(this string? value, string? message = null, [CallerArgumentExpression(nameof(value))] string? expression = null) =>
        string.IsNullOrWhiteSpace(value) ? throw new BuildException(message ?? $"{expression} is null or white space.") : value;

    public static IReadOnlyCollection<T> NotEmpty<T>(this IEnumerable<T>? values, string? message = null, [CallerArgumentExpression(nameof(values))] string? expression = null)
    {
        var list = values?.ToList() ?? throw new BuildException(message ?? $"{expression} is null.");
        return list.Count > 0 ? list : throw new BuildException(message ?? $"{expression} is empty.");
    }

    public static IReadOnlyCollection<T> Count<T>(this IEnumerable<T> values, int count, string? message = null, [CallerArgumentExpression(nameof(values))] string? expression = null)
    {
        var list = values.ToList();
        return list.Count == count ? list : throw new BuildException(message ?? $"{expression} has {list.Count} items, not {count}.");
    }

    public static AbsolutePath FileExists(AbsolutePath path, string? message = null) =>
        path.FileExists() ? path : throw new BuildException(message ?? $"File {path} does not exist.");

    public static AbsolutePath DirectoryExists(AbsolutePath path, string? message = null) =>
        path.DirectoryExists() ? path : throw new BuildException(message ?? $"Directory {path} does not exist.");
}
