namespace EndToEnd.Tests.Support;

/// <summary>The repository these tests were built from (holds App.sln).</summary>
public static class SourceTree
{
    public static string Root { get; } = Find();

    private static readonly Lazy<Task<string>> DeployKeyPipeline = new(GenerateWithDeployKeyAsync);

    /// <summary>
    /// This build's .gitlab-ci.yml for a repository that has .nuke/deploy-key.enc (the release job then asks for the ID
    /// token); the committed file is the one for this repository, which has no key. Generated once per test run.
    /// </summary>
    public static string PipelineWithDeployKey => DeployKeyPipeline.Value.GetAwaiter().GetResult();

    private static async Task<string> GenerateWithDeployKeyAsync()
    {
        using var repo = Fixtures.Git.GitRepo.Init();
        Directory.CreateDirectory(Path.Combine(repo.Path, ".nuke"));
        repo.WriteFile(".nuke/parameters.json", "{}\n");
        repo.WriteFile(".nuke/deploy-key.enc", "AQID\n");
        var generate = await new BuildProcess { Root = repo.Path }.RunAsync(["--generate-configuration"]);
        if (generate.ExitCode != 0) throw new InvalidOperationException(generate.ToString());
        return await File.ReadAllTextAsync(Path.Combine(repo.Path, ".gitlab-ci.yml"));
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "App.sln"))) return dir.FullName;
        throw new InvalidOperationException("App.sln not found above " + AppContext.BaseDirectory);
    }
}
