using System.Diagnostics;
using System.Text;

namespace EndToEnd.Tests;

/// <summary>
/// Builds shaped like Nuke's templates (0.2x, 5.x/6.x, 7.x-10.x; NukeTemplates/) compile unchanged against this
/// repository's libraries with a real <c>dotnet build</c>, then run: a recording <c>DOTNET_EXE</c> captures the exact
/// dotnet command lines their fluent calls produce, while [Solution], [GitRepository] and the real GitVersion run for real.
/// </summary>
[Collection(BuildCollection.Name)]
public sealed class NukeTemplateTests : IClassFixture<NukeTemplateTests.TemplateBuild>
{
    private readonly TemplateBuild _build;

    public NukeTemplateTests(TemplateBuild build) => _build = build;

    [Fact]
    public async Task The_0_2x_template_cleans_with_globs_and_builds_and_packs_with_GitVersion()
    {
        using var repo = new TemplateRepository();
        var run = await _build.RunAsync("0.2x", repo, "Clean", "Pack");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.False(Directory.Exists(Path.Combine(repo.Root, "src/App/bin")), "Clean globbed src/**/bin");
        Assert.False(Directory.Exists(Path.Combine(repo.Root, "tests/App.Tests/obj")), "Clean globbed tests/**/obj");
        Assert.True(Directory.Exists(Path.Combine(repo.Root, "src/App/Keep")), "Clean deleted only bin/obj");
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(repo.Root, "artifacts")));
        var solution = Path.Combine(repo.Root, "App.sln");
        AssertCalls(
        [
            ["restore", solution],
            ["build", solution, "--configuration", "Debug", "--no-restore",
                "/property:AssemblyVersion=2.3.0.0", "/property:FileVersion=2.3.0.0", "/property:InformationalVersion=2.3.0+Branch.main.Sha." + repo.Head],
            ["pack", solution, "--configuration", "Debug", "--include-symbols", "--no-build", "--output", Path.Combine(repo.Root, "artifacts"), "/property:Version=2.3.0"],
        ], run.DotNetCalls);
    }

    [Fact]
    public async Task The_5x_template_pushes_every_package_with_the_key_masked()
    {
        using var repo = new TemplateRepository();
        File.Delete(Path.Combine(repo.Root, "artifacts/old.nupkg"));
        File.WriteAllText(Path.Combine(repo.Root, "artifacts/App.2.3.0.nupkg"), "");
        File.WriteAllText(Path.Combine(repo.Root, "artifacts/App.Core.2.3.0.nupkg"), "");
        const string apiKey = "oy2-template-test-key-0123456789";
        var run = await _build.RunAsync("5.x", repo, "Push", "--api-key", apiKey, "--source", "https://nuget.example.test/v3/index.json");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.DoesNotContain(apiKey, run.Output);
        var pushes = run.DotNetCalls.OrderBy(c => string.Join(" ", c), StringComparer.Ordinal).ToList();
        AssertCalls(
        [
            ["nuget", "push", Path.Combine(repo.Root, "artifacts/App.2.3.0.nupkg"), "--source", "https://nuget.example.test/v3/index.json", "--api-key", apiKey],
            ["nuget", "push", Path.Combine(repo.Root, "artifacts/App.Core.2.3.0.nupkg"), "--source", "https://nuget.example.test/v3/index.json", "--api-key", apiKey],
        ], pushes);
    }

    [Fact]
    public async Task The_7x_template_uses_the_solution_the_repository_and_hooks_and_warns_once_about_GitHub_Actions()
    {
        using var repo = new TemplateRepository();
        var run = await _build.RunAsync("7.x", repo, "Clean", "Pack", "--configuration", "Release");

        Assert.True(run.ExitCode == 0, run.Output);
        var beforeSummary = run.Output.Split("Errors and warnings:")[0];
        Assert.Single(beforeSummary.Split('\n'), l => l.Contains("[GitHubActions] generate nothing here: this build generates .gitlab-ci.yml through [GitLabCI]"));
        Assert.Contains("Initialized main other App,App.Tests", run.Output);
        Assert.Contains("Hook: Pack succeeded", run.Output);
        Assert.Equal(repo.Head, File.ReadAllText(Path.Combine(repo.Root, "artifacts/pack.done")));
        Assert.False(Directory.Exists(Path.Combine(repo.Root, "src/App/obj")));
        var solution = Path.Combine(repo.Root, "App.sln");
        AssertCalls(
        [
            ["restore", solution],
            ["build", solution, "--configuration", "Release", "--no-restore"],
            ["test", Path.Combine(repo.Root, "tests/App.Tests/App.Tests.csproj"), "--configuration", "Release", "--filter", "Category!=Slow", "--logger", "trx", "--no-build", "--blame-hang-dump-type", "mini", "--blame-hang-timeout", "10m"],
            ["pack", Path.Combine(repo.Root, "src/App/App.csproj"), "--configuration", "Release", "--no-build", "--output", Path.Combine(repo.Root, "artifacts"),
                "/property:Version=2.3.0", "/property:RepositoryUrl=https://gitlab.example.com/group/app.git"],
        ], run.DotNetCalls);
    }

    [Fact]
    public async Task A_failing_requirement_of_a_template_build_names_the_parameter()
    {
        using var repo = new TemplateRepository();
        var run = await _build.RunAsync("5.x", repo, "Push");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("ApiKey", run.Output);
        Assert.Empty(run.DotNetCalls);
    }

    /// <summary>One dotnet call a line, so a failure shows the whole command line that differs.</summary>
    private static void AssertCalls(IEnumerable<string[]> expected, IEnumerable<string[]> actual) =>
        Assert.Equal(string.Join('\n', expected.Select(c => string.Join(' ', c))), string.Join('\n', actual.Select(c => string.Join(' ', c))));

    public sealed record Run(int ExitCode, string Output, IReadOnlyList<string[]> DotNetCalls);

    /// <summary>The template project, built once for the class with one real <c>dotnet build</c>.</summary>
    public sealed class TemplateBuild : IAsyncLifetime
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("nuke-templates").FullName;

        private string BuildDll => Path.Combine(_directory, "bin", "_build.dll");

        public async Task InitializeAsync()
        {
            var project = Path.Combine(_directory, "build");
            Directory.CreateDirectory(project);
            foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "NukeTemplates")))
                File.Copy(file, Path.Combine(project, Path.GetFileName(file)));
            // What the package reference would bring: our libraries and their dependencies, from beside the tests.
            var libraries = new[] { "Build.Engine", "Build.Release", "Build.GitLab", "Build.Components", "Serilog", "Serilog.Sinks.Console", "CliWrap",
                    "YamlDotNet", "AWSSDK.Core", "AWSSDK.KeyManagementService", "AWSSDK.SecurityToken",
                    "Microsoft.Extensions.FileSystemGlobbing", "Microsoft.VisualStudio.SolutionPersistence" }
                .Select(name => Path.Combine(AppContext.BaseDirectory, name + ".dll"));
            var props = Path.Combine(RepositoryRoot(), "src/Build.Engine/buildTransitive/GitLabRelease.Build.Engine.props");
            File.WriteAllText(Path.Combine(_directory, "Directory.Build.props"), $"""
                <Project>
                  <PropertyGroup>
                    <NukeLibraries>{string.Join(';', libraries)}</NukeLibraries>
                    <EnginePropsFile>{props}</EnginePropsFile>
                  </PropertyGroup>
                </Project>
                """);
            var (exitCode, output) = await Process.RunAsync("dotnet", ["build", Path.Combine(project, "_build.csproj"), "-o", Path.Combine(_directory, "bin"), "--nologo", "-v", "q"], project, new Dictionary<string, string?>());
            Assert.True(exitCode == 0, "The template-shaped builds do not compile:\n" + output);
        }

        public Task DisposeAsync()
        {
            Directory.Delete(_directory, recursive: true);
            return Task.CompletedTask;
        }

        public async Task<Run> RunAsync(string style, TemplateRepository repo, params string[] arguments)
        {
            var record = Path.Combine(repo.Root, ".nuke", "temp", "dotnet-calls");
            var fake = Path.Combine(_directory, "fake-dotnet");
            if (!File.Exists(fake))
            {
                // Records each call's arguments, one per line, in a file of its own (parallel calls such as a CombineWith
                // push must not interleave), named by the time of the call so the names sort in call order; then succeeds.
                File.WriteAllText(fake, "#!/bin/sh\nmkdir -p \"$DOTNET_RECORD\"\nf=\"$DOTNET_RECORD/$(date +%s%N)-$$\"\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"$f.tmp\" && mv \"$f.tmp\" \"$f\"\n");
                File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            var environment = new Dictionary<string, string?>
            {
                ["TEMPLATE_STYLE"] = style,
                ["DOTNET_EXE"] = fake,
                ["DOTNET_RECORD"] = record,
            };
            var (exitCode, output) = await Process.RunAsync("dotnet", ["exec", BuildDll, .. arguments, "--no-logo"], repo.Root, environment);
            var calls = Directory.Exists(record)
                ? Directory.GetFiles(record).Order(StringComparer.Ordinal).Select(f => File.ReadAllText(f).TrimEnd('\n').Split('\n')).ToList()
                : [];
            return new Run(exitCode, output, calls);
        }

        private static string RepositoryRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
                if (File.Exists(Path.Combine(directory.FullName, "App.sln"))) return directory.FullName;
            throw new InvalidOperationException("App.sln not found above the test binaries.");
        }
    }

    /// <summary>A git repository like a Nuke user's: a solution with a project and a test project in a folder, bin/obj litter, an origin.</summary>
    public sealed class TemplateRepository : IDisposable
    {
        public string Root { get; } = Directory.CreateTempSubdirectory("nuke-template-repo").FullName;

        public string Head { get; }

        public TemplateRepository()
        {
            Write(".nuke/parameters.json", """{ "$schema": "./build.schema.json", "Solution": "App.sln" }""");
            Write("GitVersion.yml", "next-version: 2.3.0\n");
            Write("src/App/App.csproj", """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>""");
            Write("tests/App.Tests/App.Tests.csproj", """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><IsTestProject>true</IsTestProject></PropertyGroup></Project>""");
            Write("App.sln", """

                Microsoft Visual Studio Solution File, Format Version 12.00
                # Visual Studio Version 17
                Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "App", "src\App\App.csproj", "{6F2B9F0A-1E4B-4C47-9B1A-3C7B7A0E1A01}"
                EndProject
                Project("{2150E333-8FDC-42A3-9474-1A3956D46DE8}") = "tests", "tests", "{6F2B9F0A-1E4B-4C47-9B1A-3C7B7A0E1A02}"
                EndProject
                Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "App.Tests", "tests\App.Tests\App.Tests.csproj", "{6F2B9F0A-1E4B-4C47-9B1A-3C7B7A0E1A03}"
                EndProject
                Global
                	GlobalSection(NestedProjects) = preSolution
                		{6F2B9F0A-1E4B-4C47-9B1A-3C7B7A0E1A03} = {6F2B9F0A-1E4B-4C47-9B1A-3C7B7A0E1A02}
                	EndGlobalSection
                EndGlobal
                """);
            Write(".gitignore", "bin/\nobj/\nartifacts/\n.nuke/temp/\n");
            Git("init", "-q", "-b", "main");
            Git("add", "-A");
            Git("-c", "user.name=Test", "-c", "user.email=test@example.test", "commit", "-q", "-m", "Initial");
            // A released commit: GitVersion gives exactly 2.3.0 (an untagged commit on main would be 2.3.0-1).
            Git("tag", "2.3.0");
            Git("remote", "add", "origin", "https://gitlab.example.com/group/app.git");
            Head = Git("rev-parse", "HEAD").Trim();
            // Litter for Clean, written after the commit (ignored files, as in a real work tree).
            Write("src/App/bin/Debug/App.dll", "");
            Write("src/App/obj/project.assets.json", "{}");
            Write("src/App/Keep/Class.cs", "");
            Write("tests/App.Tests/obj/project.assets.json", "{}");
            Write("artifacts/old.nupkg", "");
        }

        private void Write(string relative, string content)
        {
            var path = Path.Combine(Root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }

        private string Git(params string[] arguments)
        {
            var (exitCode, output) = Process.RunAsync("git", arguments, Root, new Dictionary<string, string?>()).GetAwaiter().GetResult();
            if (exitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {output}");
            return output;
        }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    private static class Process
    {
        // Variables a CI machine or a shell may carry that would change what the build does.
        private static readonly string[] Scrubbed = ["CI_", "GITLAB_", "GITHUB_", "NUKE_", "TF_BUILD", "APPVEYOR", "TEAMCITY_", "CONFIGURATION", "SOLUTION", "DOTNET_EXE"];

        public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string[] arguments, string workingDirectory, IReadOnlyDictionary<string, string?> environment)
        {
            var info = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments) info.ArgumentList.Add(argument);
            foreach (var name in info.Environment.Keys.ToArray())
                if (Scrubbed.Any(p => name.StartsWith(p, StringComparison.Ordinal))) info.Environment.Remove(name);
            foreach (var (name, value) in environment) info.Environment[name] = value;
            using var process = System.Diagnostics.Process.Start(info)!;
            var output = new StringBuilder();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            await process.WaitForExitAsync(timeout.Token);
            output.Append(await stdout).Append(await stderr);
            return (process.ExitCode, output.ToString());
        }
    }
}
