namespace Nuke.Common.Utilities.Collections;

/// <summary>Nuke's collection helpers (<c>using Nuke.Common.Utilities.Collections;</c>).</summary>
public static class EnumerableExtensions
{
    /// <summary>Runs <paramref name="action"/> on each item now, and returns the items.</summary>
    public static IReadOnlyCollection<T> ForEach<T>(this IEnumerable<T> items, Action<T> action)
    {
        var list = items.ToList();
        foreach (var item in list) action(item);
        return list;
    }

    public static IReadOnlyCollection<T> ForEach<T>(this IEnumerable<T> items, Action<T, int> action)
    {
        var list = items.ToList();
        for (var i = 0; i < list.Count; i++) action(list[i], i);
        return list;
    }

    public static bool IsEmpty<T>(this IEnumerable<T> items) => !items.Any();

    public static IEnumerable<T> WhereNotNull<T>(this IEnumerable<T?> items) where T : class => items.OfType<T>();

    public static T? SingleOrDefaultOrError<T>(this IEnumerable<T> items, string message)
    {
        var list = items.Take(2).ToList();
        return list.Count > 1 ? throw new BuildException(message) : list.FirstOrDefault();
    }
}
