namespace Nuke.Common;

/// <summary>
/// Which share of the work this run does when a CI job runs as N parallel copies (Nuke's <c>[Partition]</c>):
/// part <see cref="Part"/> (1-based) of <see cref="Total"/>. The host says which (GitLab: CI_NODE_INDEX/CI_NODE_TOTAL);
/// a run outside such a job is part 1 of 1 and does everything.
/// </summary>
public sealed record Partition
{
    public static Partition Single { get; } = new(1, 1);

    public Partition(int part, int total)
    {
        if (total < 1 || part < 1 || part > total)
            throw new BuildException($"Partition {part} of {total} does not exist.", "A partition is 1..N of N, with N at least 1.");
        (Part, Total) = (part, total);
    }

    public int Part { get; }
    public int Total { get; }
    public bool IsSingle => Total == 1;

    public override string ToString() => $"{Part}/{Total}";

    /// <summary>
    /// This part's items. Every part computes the same split from the same inputs, so each item goes to exactly one
    /// part: items are ordered by key (ordinal), then dealt longest first to the part with the least work so far
    /// (ties to the lower part). The weight is the item's previous duration when every item has one, else 1 for
    /// all (balanced by count): mixing known and guessed durations would make the guesses decide the split.
    /// </summary>
    public IReadOnlyList<T> Select<T>(IEnumerable<T> items, Func<T, string> key, Func<T, TimeSpan?>? previousDuration = null)
    {
        var pairs = items.Select(i => (Item: i, Duration: previousDuration?.Invoke(i))).ToList();
        var byDuration = pairs.All(p => p.Duration is not null);
        return Select(pairs, p => key(p.Item), p => byDuration ? p.Duration!.Value.TotalMilliseconds : 1.0).Select(p => p.Item).ToList();
    }

    /// <summary>
    /// This part's items, dealt as above by the given weight (any unit, the same for all items). Items of weight 0 go
    /// last, each to the part with the least work by then.
    /// </summary>
    public IReadOnlyList<T> Select<T>(IEnumerable<T> items, Func<T, string> key, Func<T, double> weight)
    {
        var ordered = items.OrderBy(key, StringComparer.Ordinal).ToList();
        if (IsSingle) return ordered;
        var weights = ordered.Select(weight).ToList();
        var load = new double[Total];
        var mine = new List<(int Index, T Item)>();
        // Stable: equal weights keep key order.
        foreach (var index in Enumerable.Range(0, ordered.Count).OrderByDescending(i => weights[i]))
        {
            var part = 0;
            for (var p = 1; p < Total; p++)
                if (load[p] < load[part]) part = p;
            load[part] += weights[index];
            if (part == Part - 1) mine.Add((index, ordered[index]));
        }
        return mine.OrderBy(m => m.Index).Select(m => m.Item).ToList();
    }
}
