using System.Text.RegularExpressions;

namespace GitLabCI.Tests;

public class GitLabHostTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly DateTimeOffset Noon = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private readonly GitLab host = new(new FixedTime(Noon));

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
    public void The_host_spells_the_CI_variables_a_library_names_by_its_property_names()
    {
        Assert.Equal("CI_PROJECT_PATH", host.VariableName(nameof(GitLab.ProjectPath)));
        Assert.Equal("CI_SERVER_SHELL_SSH_PORT", host.VariableName(nameof(GitLab.ServerShellSshPort)));
        Assert.Equal("CI_JOB_TOKEN", host.VariableName(nameof(GitLab.JobToken)));
        Assert.Null(host.VariableName("NoSuchFact"));
        // Rendered in a message as the core writes it, with GitLab declared by this test project's references.
        Assert.Equal("Check CI_API_V4_URL.", new Nuke.Common.BuildException($"Check {Nuke.Common.Spelling.CiVariable(nameof(GitLab.ApiUrl))}.").Message);
    }

    [Fact]
    public void Every_predefined_variable_property_has_its_variable_name()
    {
        // One list: a property added to GitLab.Predefined.cs without its variable fails on first read and here.
        var hostMembers = typeof(Nuke.Common.Hosts.Host).GetProperties().Select(p => p.Name).ToHashSet();
        var properties = typeof(GitLab).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
            .Where(p => !hostMembers.Contains(p.Name)).Select(p => p.Name).ToList();
        Assert.True(properties.Count > 40, string.Join(", ", properties));
        Assert.All(properties, p => Assert.Matches("^(CI|CI_[A-Z0-9_]+|GITLAB_USER_[A-Z]+)$", host.VariableName(p) ?? $"{p}: none"));
    }

    [Fact]
    public void The_job_token_is_a_secret_variable_of_the_host_and_the_package_feed_credential()
    {
        Assert.Contains("CI_JOB_TOKEN", host.SecretVariables);
        Assert.DoesNotContain("CI_PROJECT_ID", host.SecretVariables);
        Assert.Equal(["CI_JOB_TOKEN"], host.PackageFeedVariables);
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
        Assert.Equal(id, GitLab.SectionId("Build: Tag/Push 1.0 ü"));
        Assert.Contains($"section_end:{Noon.ToUnixTimeSeconds()}:{id}\r", host.EndSection("Build: Tag/Push 1.0 ü"));
    }

    [Fact]
    public void A_title_stays_on_the_marker_line()
    {
        var marker = host.BeginSection("Test", "line one\nline two")!;

        Assert.DoesNotContain('\n', marker);
        Assert.EndsWith("line one line two", marker);
    }

    [Theory]
    [InlineData(null, null, 1, 1)]
    [InlineData("2", "3", 2, 3)]
    public void The_partition_is_CI_NODE_INDEX_of_CI_NODE_TOTAL(string? index, string? total, int part, int of)
    {
        var partition = new GitLab().GetPartition(name => name switch { "CI_NODE_INDEX" => index, "CI_NODE_TOTAL" => total, _ => null });
        Assert.Equal(new Nuke.Common.Partition(part, of), partition);
    }

    [Theory]
    [InlineData("1", null)]
    [InlineData("3", "2")]
    [InlineData("x", "2")]
    public void A_partition_GitLab_would_not_set_is_refused_with_the_fix(string? index, string? total)
    {
        var e = Assert.Throws<Nuke.Common.BuildException>(() =>
            new GitLab().GetPartition(name => name switch { "CI_NODE_INDEX" => index, "CI_NODE_TOTAL" => total, _ => null }));
        Assert.Contains("CI_NODE_INDEX", e.Message);
    }
}

public sealed class GitLabIdTokenTests
{
    [Nuke.Common.CI.GitLab.GitLabCI(IdTokenName = "RELEASE_OIDC", IdTokenAudience = "https://sts.example")]
    private sealed class Declared;

    private sealed class Undeclared;

    [Fact]
    public void The_build_class_attribute_is_the_one_source_of_name_and_audience()
    {
        Assert.Equal(new Nuke.Common.CI.GitLab.GitLabIdToken("RELEASE_OIDC", "https://sts.example"), Nuke.Common.CI.GitLab.GitLabIdToken.Of(typeof(Declared)));
        Assert.Equal(new Nuke.Common.CI.GitLab.GitLabIdToken("AWS_ID_TOKEN", "$CI_SERVER_URL"), Nuke.Common.CI.GitLab.GitLabIdToken.Of(typeof(Undeclared)));
    }

    [Fact]
    public void CI_SERVER_URL_in_the_audience_resolves_as_GitLab_expands_it()
    {
        var token = Nuke.Common.CI.GitLab.GitLabIdToken.Of(typeof(Undeclared));
        Assert.Equal("https://gitlab.example.com", token.ResolveAudience(n => n == "CI_SERVER_URL" ? "https://gitlab.example.com" : null));
        Assert.Equal("https://git.corp", token.ResolveAudience(_ => null, "https://git.corp"));
        Assert.Null(token.ResolveAudience(_ => null));
        Assert.Equal("https://sts.example", Nuke.Common.CI.GitLab.GitLabIdToken.Of(typeof(Declared)).ResolveAudience(_ => null));
    }
}
