using System.Text.RegularExpressions;
using Build.Engine;

namespace Build.GitLab.Tests;

public sealed class LineCoverageTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("coverage-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    // Shaped like coverlet's Cobertura output: class-level lines, repeated under methods.
    private string Report(string name, string source, params (string File, int Line, int Hits)[] lines)
    {
        var classes = lines.GroupBy(l => l.File).Select(g =>
        {
            var lineXml = string.Concat(g.Select(l => $"<line number=\"{l.Line}\" hits=\"{l.Hits}\" branch=\"False\" />"));
            return $"<class name=\"C\" filename=\"{g.Key}\" line-rate=\"0\"><methods><method name=\"M\"><lines>{lineXml}</lines></method></methods><lines>{lineXml}</lines></class>";
        });
        var xml = $"<?xml version=\"1.0\"?><coverage line-rate=\"0\" version=\"1.9\"><sources><source>{source}</source></sources><packages><package name=\"P\"><classes>{string.Concat(classes)}</classes></package></packages></coverage>";
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, xml);
        return path;
    }

    [Fact]
    public void Counts_each_source_line_once_across_reports_and_covered_if_any_report_hit_it()
    {
        var a = Report("a.cobertura.xml", "/src/", ("Engine/A.cs", 1, 1), ("Engine/A.cs", 2, 0), ("Engine/A.cs", 3, 0));
        var b = Report("b.cobertura.xml", "/src/", ("Engine/A.cs", 2, 4), ("GitLab/B.cs", 1, 0));

        var coverage = LineCoverage.FromCobertura([a, b]);

        Assert.Equal(new LineCoverage(2, 4), coverage);
        Assert.Equal("Total line coverage: 50.00%", coverage.LogLine);
    }

    [Fact]
    public void Log_line_is_read_by_the_generated_coverage_regex()
    {
        var report = Report("c.cobertura.xml", "/src/", ("A.cs", 1, 1), ("A.cs", 2, 1), ("A.cs", 3, 0));
        var line = LineCoverage.FromCobertura([report]).LogLine;
        var regex = new GitLabPipelineSettings().CoverageRegex;

        var match = Regex.Match($"some output\n{line}\nmore", regex[1..^1]);

        Assert.True(match.Success, line);
        Assert.Equal("66.67", match.Groups[1].Value);
    }

    [Fact]
    public void No_lines_is_zero_percent()
    {
        Assert.Equal("Total line coverage: 0.00%", LineCoverage.FromCobertura([Report("e.cobertura.xml", "/src/")]).LogLine);
    }

    [Fact]
    public void No_report_fails_with_a_fix()
    {
        var error = Assert.Throws<BuildException>(() => LineCoverage.FromCobertura([]));

        Assert.NotNull(error.Fix);
    }

    [Fact]
    public void Broken_report_fails_with_the_file_name()
    {
        var path = Path.Combine(dir, "broken.cobertura.xml");
        File.WriteAllText(path, "<coverage><packages>");

        var error = Assert.Throws<BuildException>(() => LineCoverage.FromCobertura([path]));

        Assert.Contains(path, error.Message);
        Assert.NotNull(error.Fix);
    }

    [Fact]
    public void Report_in_another_format_is_refused()
    {
        var path = Path.Combine(dir, "other.xml");
        File.WriteAllText(path, "<report name=\"jacoco\" />");

        var error = Assert.Throws<BuildException>(() => LineCoverage.FromCobertura([path]));

        Assert.Contains("Cobertura", error.Message);
    }
}
