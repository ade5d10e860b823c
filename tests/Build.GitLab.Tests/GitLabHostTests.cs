using System.Text.RegularExpressions;

namespace GitLabCI.Tests;

public class GitLabHostTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly DateTimeOffset Noon = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private readonly GitLabHost host = new(new FixedTime(Noon));

    [Fact]
    public void Is_named_GitLab_and_is_a_server_build()
    {
        Assert.Equal("GitLab", host.Name);
        Assert.True(host.IsServerBuild);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Runs_when_GITLAB_CI_is_true(string? value, bool expected)
    {
        Assert.Equal(expected, host.IsRunning(name => name == "GITLAB_CI" ? value : "true"));
    }

    [Fact]
    public void The_job_token_is_a_secret_of_the_host_and_nothing_else_is()
    {
        Assert.Equal(["glcbt-token-value"], host.Secrets(name => name == "CI_JOB_TOKEN" ? "glcbt-token-value" : "other-value"));
        Assert.Empty(host.Secrets(name => name == "CI_JOB_TOKEN" ? "" : "other-value"));
    }

    [Fact]
    public void Sections_are_collapsed_gitlab_markers_with_the_unix_time()
    {
        var unix = Noon.ToUnixTimeSeconds();

        Assert.Equal($"\u001b[0Ksection_start:{unix}:Compile[collapsed=true]\r\u001b[0KCompile the solution", host.BeginSection("Compile", "Compile the solution"));
        Assert.Equal($"\u001b[0Ksection_end:{unix}:Compile\r\u001b[0K", host.EndSection("Compile"));
    }

    [Fact]
    public void Section_ids_keep_only_the_characters_GitLab_accepts()
    {
        var marker = host.BeginSection("Build: Tag/Push 1.0 ü", "title")!;
        var id = Regex.Match(marker, @"section_start:\d+:(?<id>[^\[\r]*)\[").Groups["id"].Value;

        Assert.Matches("^[a-zA-Z0-9_.-]+$", id);
        Assert.Equal("Build__Tag_Push_1.0__", id);
        Assert.Equal(id, GitLabHost.SectionId("Build: Tag/Push 1.0 ü"));
        Assert.Contains($"section_end:{Noon.ToUnixTimeSeconds()}:{id}\r", host.EndSection("Build: Tag/Push 1.0 ü"));
    }

    [Fact]
    public void A_title_stays_on_the_marker_line()
    {
        var marker = host.BeginSection("Test", "line one\nline two")!;

        Assert.DoesNotContain('\n', marker);
        Assert.EndsWith("line one line two", marker);
    }
}
