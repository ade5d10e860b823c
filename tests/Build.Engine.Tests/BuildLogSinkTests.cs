using System.Globalization;
using Nuke.Common.Output;

namespace Engine.Tests;

/// <summary>The log file's time of day, written by hand, reads as the framework's own HH:mm:ss.fff.</summary>
public class BuildLogSinkTests
{
    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(9, 5, 7, 42)]
    [InlineData(23, 59, 59, 999)]
    [InlineData(12, 30, 0, 100)]
    public void The_log_file_clock_is_HH_mm_ss_fff(int hour, int minute, int second, int millisecond)
    {
        var time = new DateTimeOffset(2026, 12, 5, hour, minute, second, millisecond, TimeSpan.FromHours(1));
        Assert.Equal(time.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture), BuildLogSink.Clock(time));
    }
}
