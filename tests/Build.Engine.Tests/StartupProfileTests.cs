using Nuke.Common;

namespace Engine.Tests;

/// <summary>The multicore-JIT profile is named after the command's targets, never after an option's value.</summary>
public class StartupProfileTests
{
    [Theory]
    [InlineData(new string[0], "default")]
    [InlineData(new[] { "--help" }, "help")]
    [InlineData(new[] { "Tag", "-h" }, "help")]
    [InlineData(new[] { "Version", "--no-logo" }, "Version")]
    [InlineData(new[] { "Compile", "Test", "--configuration", "Release" }, "Compile-Test")]
    [InlineData(new[] { "--target", "Tag" }, "default")]
    [InlineData(new[] { "../../etc/passwd" }, "etcpasswd")]
    public void The_profile_is_named_after_the_leading_targets(string[] arguments, string expected) =>
        Assert.Equal(expected, StartupProfile.Name(arguments));

    [Fact]
    public void An_option_value_never_reaches_the_file_name()
    {
        var name = StartupProfile.Name(["Push", "--deploy-key-passphrase", "hunter2-secret"]);
        Assert.Equal("Push", name);
        Assert.DoesNotContain("hunter2", name, StringComparison.Ordinal);
    }
}
