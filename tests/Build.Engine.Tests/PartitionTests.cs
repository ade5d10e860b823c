using Nuke.Common;

namespace Engine.Tests;

public class PartitionTests
{
    private static readonly string[] Items = ["e", "b", "d", "a", "c"];

    [Fact]
    public void Every_item_goes_to_exactly_one_part_whatever_the_input_order()
    {
        foreach (var total in new[] { 1, 2, 3, 5, 7 })
        {
            var parts = Enumerable.Range(1, total).Select(p => new Partition(p, total).Select(Items, x => x)).ToList();
            var reversed = Enumerable.Range(1, total).Select(p => new Partition(p, total).Select(Items.Reverse(), x => x)).ToList();
            Assert.Equal(Items.Order(), parts.SelectMany(p => p).Order());
            Assert.Equal(parts, reversed);
        }
    }

    [Fact]
    public void Without_durations_the_split_is_by_count()
    {
        Assert.Equal(["a", "c", "e"], new Partition(1, 2).Select(Items, x => x));
        Assert.Equal(["b", "d"], new Partition(2, 2).Select(Items, x => x));
    }

    [Fact]
    public void Known_durations_balance_the_parts_by_time()
    {
        var durations = new Dictionary<string, TimeSpan?>
        {
            ["a"] = TimeSpan.FromSeconds(100), ["b"] = TimeSpan.FromSeconds(10), ["c"] = TimeSpan.FromSeconds(20),
            ["d"] = TimeSpan.FromSeconds(30), ["e"] = TimeSpan.FromSeconds(40),
        };
        Assert.Equal(["a"], new Partition(1, 2).Select(Items, x => x, x => durations[x]));
        Assert.Equal(["b", "c", "d", "e"], new Partition(2, 2).Select(Items, x => x, x => durations[x]));
    }

    [Fact]
    public void One_unknown_duration_falls_back_to_count()
    {
        var durations = new Dictionary<string, TimeSpan?> { ["a"] = TimeSpan.FromSeconds(100), ["b"] = null, ["c"] = TimeSpan.FromSeconds(1), ["d"] = TimeSpan.FromSeconds(1), ["e"] = TimeSpan.FromSeconds(1) };
        Assert.Equal(["a", "c", "e"], new Partition(1, 2).Select(Items, x => x, x => durations[x]));
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(3, 2)]
    [InlineData(1, 0)]
    public void A_part_outside_the_total_is_refused(int part, int total) =>
        Assert.Throws<BuildException>(() => new Partition(part, total));
}
