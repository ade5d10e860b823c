namespace GitLabCI.Tests;

public class DocsTests
{
    [Fact]
    public void Docs_show_the_yaml_the_generator_writes()
    {
        var docs = RepositoryFile("docs/gitlab-ci.md");
        var start = docs.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var shown = docs[start..docs.IndexOf("```", start, StringComparison.Ordinal)];

        var generated = new GitLabCIAttribute
        {
            Image = "mcr.microsoft.com/dotnet/sdk:10.0",
            CompileTargets = ["Compile"],
            TestTargets = ["Test"],
            ReleaseTargets = ["Tag"],
        }.Generate(SampleModels.Contract());

        Assert.Equal(generated, shown);
    }

    private static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "App.sln"))) return File.ReadAllText(Path.Combine(dir.FullName, relative));
        throw new FileNotFoundException("App.sln not found above the test assembly", relative);
    }
}
