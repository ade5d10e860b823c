using System.Diagnostics;
using System.Xml.Linq;
using EndToEnd.Tests.Support;
using Fixtures.Git;
using Xunit.Abstractions;

namespace EndToEnd.Tests;

/// <summary>
/// The generated pipeline, run by gitlab-ci-local (shell executor, one directory per job, artifacts passed between
/// jobs as GitLab does): this repository's [GitLabCI(TestShards = 2)] on a small solution of three test projects, one of
/// them (Alpha.Tests) more than half of the tests, so the copies split it by class. Its tests in a class the
/// inventory cannot see (inherited from an abstract class) run with the rest. Every test runs exactly once; neither
/// copy restores or compiles again. The test-durations job stores both copies' durations in the cache, and the next
/// pipeline's copies split by them, again running every test once. Slow by nature (a restore and two builds of a
/// solution): one test checks all of it.
/// </summary>
[Collection(BuildCollection.Name)]
public sealed class ShardedPipelineTests(ITestOutputHelper output)
{
    private static readonly string[] Projects = ["Alpha.Tests", "Beta.Tests", "Gamma.Tests"];
    private static readonly string[] Methods = ["One", "Two"];

    /// <summary>Each project's classes of <see cref="Methods"/>: Alpha.Tests has three, so 6 of the 10 tests the inventory counts.</summary>
    private static string[] Classes(string project) =>
        project == "Alpha.Tests" ? ["AlphaTests", "AlphaMoreTests", "AlphaLastTests"] : [$"{project[..^".Tests".Length]}Tests"];

    private static string? Tool(out string searched)
    {
        if (Environment.GetEnvironmentVariable("GITLAB_CI_LOCAL") is { Length: > 0 } explicitPath)
        {
            searched = explicitPath + " ($GITLAB_CI_LOCAL)";
            return File.Exists(explicitPath) ? explicitPath : null;
        }
        var installed = Path.Combine(SourceTree.Root, ".nuke", "temp", "tools", "bin", "gitlab-ci-local");
        searched = installed;
        return File.Exists(installed) ? installed : null;
    }

    [SkippableFact]
    public async Task Two_test_shards_run_every_test_exactly_once_on_the_compile_jobs_output()
    {
        if (Tool(out var searched) is not { } tool)
            throw Fixtures.MissingTool.Skip($"gitlab-ci-local not found (looked at {searched}); install it with tests/tools/install-gitlab-ci-local.sh.");
        using var repo = GitRepo.Init();
        var home = GitRepo.NewTempDirectory("gcl-home");
        try
        {
            WriteRepository(repo);
            var generate = await RunAsync(repo.Path, "dotnet", ["exec", BuildProcess.BuildDll, "--generate-configuration", "--no-logo"]);
            Assert.True(generate.ExitCode == 0, generate.Output);
            Assert.Contains("parallel: 2", await File.ReadAllTextAsync(Path.Combine(repo.Path, ".gitlab-ci.yml")));
            repo.Git("add", "-A");
            repo.Commit("Sharded solution");
            // Never contacted: gitlab-ci-local derives CI_PROJECT_PATH and CI_DEFAULT_BRANCH from it.
            repo.Git("remote", "add", "origin", "ssh://git@127.0.0.1:2222/group/shards.git");
            repo.Git("update-ref", "refs/remotes/origin/main", "HEAD");
            repo.Git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main");

            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
                ? configured
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            Task<(int ExitCode, string Output)> Pipeline(string lastJob) => RunAsync(repo.Path, tool,
            [
                "--home", home, "--force-shell-executor", "--shell-isolation", "--needs", lastJob,
                // gitlab-ci-local says GITLAB_CI=false; the build must see the GitLab host, as on a runner.
                "--variable", "GITLAB_CI=true", "--ignore-predefined-vars", "GITLAB_CI",
                // The machine's package folder instead of one per job directory: no network, and restore is not what is tested.
                "--variable", $"NUGET_PACKAGES={packages}",
            ], TimeSpan.FromMinutes(6));
            var run = await Pipeline("test-durations");
            output.WriteLine(run.Output);
            Assert.True(run.ExitCode == 0, run.Output);

            var lines = run.Output.Split('\n');
            // A fresh project has no durations: the first pipeline splits by the numbers of tests.
            Assert.Equal(2, lines.Count(l => l.Contains("weighed by their numbers of tests", StringComparison.Ordinal)));
            Assert.Contains(lines, l => l.Contains("Test shard 1/2:", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("Test shard 2/2:", StringComparison.Ordinal));
            // Each piece of work once: the copies of the test job neither restore nor build the solution or the build project.
            var testLines = lines.Where(l => l.StartsWith("test: [", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(testLines);
            Assert.DoesNotContain(testLines, l => l.Contains("> dotnet build", StringComparison.Ordinal) || l.Contains("> dotnet restore", StringComparison.Ordinal));
            Assert.Equal(2, testLines.Count(l => l.Contains("Compile   Skipped", StringComparison.Ordinal)));
            // The built build came with the compile job's artifacts, stamp included: no copy builds the build project.
            Assert.DoesNotContain(testLines, l => l.Contains("Building the build project", StringComparison.Ordinal));

            var (ran, shardProjects) = TestsRan(repo.Path);
            // Alpha.Tests is split between the copies; the others run whole in one copy each.
            Assert.All(shardProjects, names => Assert.Contains("Alpha.Tests", names));
            Assert.Single(shardProjects, names => names.Contains("Beta.Tests"));
            Assert.Single(shardProjects, names => names.Contains("Gamma.Tests"));
            Assert.Contains(lines, l => l.Contains("Alpha.Tests (", StringComparison.Ordinal) && l.Contains("and any test in no listed class", StringComparison.Ordinal));
            var expected = Projects.SelectMany(p => Classes(p).SelectMany(c => Methods.Select(m => $"{p}.{c}.{m}")))
                .Append("Alpha.Tests.AlphaInheritedTests.Inherited")
                .Order(StringComparer.Ordinal);
            Assert.Equal(expected, ran.Order(StringComparer.Ordinal));

            // The test-durations job stored one file per copy; together they hold every project.
            var cached = Path.Combine(repo.Path, ".gitlab-ci-local", "cache", "test-durations", ".nuke", "temp", "test-durations");
            Assert.True(Directory.Exists(cached), "the test-durations job stored no cache:\n" + run.Output);
            var files = Directory.GetFiles(cached).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(["1-of-2.json", "2-of-2.json"], files);
            var recorded = files.SelectMany(f => System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, long>>(File.ReadAllText(Path.Combine(cached, f)))!.Keys)
                .Where(k => !k.Contains('/')).Distinct().Order(StringComparer.Ordinal);
            Assert.Equal(Projects, recorded);

            // The next pipeline's copies read them (through the compile job) and split by them, every test once again.
            Directory.Delete(Path.Combine(repo.Path, ".gitlab-ci-local", "builds"), recursive: true);
            var next = await Pipeline("test");
            output.WriteLine(next.Output);
            Assert.True(next.ExitCode == 0, next.Output);
            Assert.Equal(2, next.Output.Split('\n').Count(l => l.Contains("weighed by the last run's durations", StringComparison.Ordinal)));
            Assert.Equal(expected, TestsRan(repo.Path).Ran.Order(StringComparer.Ordinal));
        }
        finally
        {
            if (Directory.Exists(home)) Directory.Delete(home, recursive: true);
        }
    }

    /// <summary>Each copy's reports, as GitLab collects them from its job directory (artifacts:reports).</summary>
    private static (List<string> Ran, List<string[]> ShardProjects) TestsRan(string repository)
    {
        var jobs = Directory.GetDirectories(Path.Combine(repository, ".gitlab-ci-local", "builds"), "test*")
            .Where(j => !Path.GetFileName(j).StartsWith("test-durations", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, jobs.Length);
        var ran = new List<string>();
        var shardProjects = new List<string[]>();
        foreach (var job in jobs)
        {
            var junit = Directory.GetFiles(Path.Combine(job, "artifacts", "test-results"), "*.xml");
            var coverage = Directory.GetFiles(Path.Combine(job, "artifacts", "coverage"), "*.cobertura.xml");
            var names = junit.Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToArray();
            Assert.NotEmpty(names);
            Assert.Equal(names!, coverage.Select(f => Path.GetFileName(f)[..^".cobertura.xml".Length]).Order(StringComparer.Ordinal));
            shardProjects.Add(names!);
            foreach (var file in junit)
                ran.AddRange(XDocument.Load(file).Descendants("testcase")
                    // The logger may prefix the method with its class (MethodFormat=Class): the last segment is the method.
                    .Select(t => $"{(string?)t.Attribute("classname")}.{((string?)t.Attribute("name"))?.Split('.')[^1]}"));
        }
        return (ran, shardProjects);
    }

    private static void WriteRepository(GitRepo repo)
    {
        var source = SourceTree.Root;
        foreach (var directory in new[] { ".nuke" }.Concat(Projects.Select(p => $"tests/{p}")))
            Directory.CreateDirectory(Path.Combine(repo.Path, directory));
        repo.WriteFile(".gitignore", ".nuke/temp/\nartifacts/\nbin/\nobj/\n.gitlab-ci-local/\n");
        repo.WriteFile("global.json", File.ReadAllText(Path.Combine(source, "global.json")));
        repo.WriteFile("GitVersion.yml", File.ReadAllText(Path.Combine(source, "GitVersion.yml")));
        repo.WriteFile("Directory.Packages.props", File.ReadAllText(Path.Combine(source, "Directory.Packages.props")));
        repo.WriteFile("Directory.Build.props", """
            <Project>
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
              </PropertyGroup>
            </Project>
            """);
        repo.WriteFile(".nuke/parameters.json", "{\n  \"$schema\": \"./build.schema.json\"\n}\n");
        // The pipeline's ./build.sh runs the build under test (this repository's Build class, with TestShards = 2).
        repo.WriteFile("build.sh", $"#!/usr/bin/env bash\nexec dotnet exec '{BuildProcess.BuildDll}' \"$@\"\n");
        File.SetUnixFileMode(Path.Combine(repo.Path, "build.sh"), (UnixFileMode)0b111_101_101);
        repo.WriteFile("Shards.slnx", "<Solution>\n" + string.Concat(Projects.Select(p => $"  <Project Path=\"tests/{p}/{p}.csproj\" />\n")) + "</Solution>\n");
        repo.WriteFile("tests/Alpha.Tests/AlphaInheritedTests.cs",
            "namespace Alpha.Tests;\n\npublic abstract class SharedTests\n{\n    [Xunit.Fact] public void Inherited() { }\n}\n\npublic class AlphaInheritedTests : SharedTests;\n");
        foreach (var project in Projects)
        {
            repo.WriteFile($"tests/{project}/{project}.csproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <IsTestProject>true</IsTestProject>
                    <IsPackable>false</IsPackable>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Microsoft.NET.Test.Sdk" />
                    <PackageReference Include="xunit" />
                    <PackageReference Include="xunit.runner.visualstudio" />
                  </ItemGroup>
                </Project>
                """);
            foreach (var type in Classes(project))
                repo.WriteFile($"tests/{project}/{type}.cs",
                    $"namespace {project};\n\npublic class {type}\n{{\n" + string.Concat(Methods.Select(m => $"    [Xunit.Fact] public void {m}() {{ }}\n")) + "}\n");
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string directory, string file, string[] arguments, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        // The jobs must see only what gitlab-ci-local gives them, not the CI job or shell this test runs in.
        foreach (var name in info.Environment.Keys.ToArray())
            if (name.StartsWith("CI_", StringComparison.Ordinal) || name.StartsWith("GITLAB_", StringComparison.Ordinal) || name.StartsWith("NUKE_", StringComparison.Ordinal)
                || name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name is "CONFIGURATION" or "DOTNET_HOST_PATH")
                info.Environment.Remove(name);
        info.Environment["NO_COLOR"] = "1";
        info.Environment["FORCE_COLOR"] = "0";
        // No MSBuild worker nodes or build server left running after the test.
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish in time.\n{await stdout}{await stderr}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
