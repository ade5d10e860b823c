using System.Diagnostics;
using System.Text;
using EndToEnd.Tests.Support;
using Fixtures.Git;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace EndToEnd.Tests;

/// <summary>
/// docs/adopting.md, done by a test: a second repository (one library, one plain xunit test project: no logger, no
/// coverlet; released as 2.1.2 before, by its &lt;Version&gt;) adopts the flow with the packed template (dotnet new install +
/// dotnet new gitlab-release-build, from a local feed made by dotnet pack as the Pack target runs it), then tests,
/// generates its CI file and releases 2.1.3.
/// Slow by nature (restore and build of a second repository): one test covers it all with few dotnet runs.
/// </summary>
[Collection(RepositoryCollection.Name)]
public sealed class AdoptionTests(ReleaseFixture fixture, ITestOutputHelper output)
{
    // Same scrub list as BuildProcess: the adopting build must see only what the test gives it.
    private static readonly string[] ScrubbedPrefixes = ["CI_", "GITLAB_", "AWS_", "NUKE_", "SSH_KNOWN_HOSTS", "PUSH_URL",
        "KMS_KEY_ID", "DEPLOY_KEY", "TAG_PREFIX", "CONFIGURATION", "SOLUTION", "FORCE", "MSBUILD", "DOTNET_HOST_PATH",
        // The test run's own coverage profiler, which children inherit: an adopter's machine has none, and an attached
        // profiler turns the runtime's multicore JIT (the build's start-up profile) off.
        "CORECLR_"];

    private const string Building = "Building the build project";

    [Fact]
    public async Task A_repository_adopts_the_flow_with_the_template_tests_generates_its_ci_file_and_releases()
    {
        var clock = Stopwatch.StartNew();
        var feed = GitRepo.NewTempDirectory("e2e-feed");
        var hive = GitRepo.NewTempDirectory("e2e-template-hive"); // dotnet new's own settings, kept out of the user's
        var clone = GitRepo.NewTempDirectory("e2e-adopter-clone");
        // A version no run used before: the shared global packages folder caches a package by id and version.
        var version = $"0.0.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        using var repo = GitRepo.Init();
        try
        {
            var pack = await RunAsync(SourceTree.Root, "dotnet", ["pack", "App.sln", "--no-build", "--no-restore", "--nologo",
                "-c", BuiltConfiguration, "-o", feed, $"-p:Version={version}"], new());
            Assert.True(pack.ExitCode == 0, pack.Output);
            var template = Path.Combine(feed, $"GitLabRelease.Templates.{version}.nupkg");
            Assert.True(File.Exists(template), string.Join(", ", Directory.GetFiles(feed).Select(Path.GetFileName)));
            output.WriteLine($"pack: {clock.Elapsed}");

            WriteAdoptingRepository(repo, feed);
            repo.Git("add", "-A");
            repo.Commit("A library with tests");
            var install = await RunAsync(repo.Path, "dotnet", ["new", "install", template, "--debug:custom-hive", hive], new());
            Assert.True(install.ExitCode == 0, install.Output);
            var create = await RunAsync(repo.Path, "dotnet", ["new", "gitlab-release-build", "--debug:custom-hive", hive], new());
            Assert.True(create.ExitCode == 0, create.Output);
            foreach (var file in new[] { "build.sh", "build.cmd", ".nuke/parameters.json", "build/_build.csproj", "build/Build.cs", "GitVersion.yml" })
                Assert.True(File.Exists(Path.Combine(repo.Path, file)), $"dotnet new did not add {file}: {create.Output}");
            Assert.Contains("\"$schema\"", await File.ReadAllTextAsync(Path.Combine(repo.Path, ".nuke", "parameters.json")));
            Assert.Contains($"Version=\"[{version}]\"", await File.ReadAllTextAsync(Path.Combine(repo.Path, "build", "_build.csproj")));
            // It changed nothing it does not own.
            Assert.Equal("", repo.Git("status", "--porcelain", "--untracked-files=no").Trim());
            repo.Git("add", "-A");
            repo.Commit("Adopt the release flow: dotnet new gitlab-release-build");
            output.WriteLine($"dotnet new: {clock.Elapsed}");

            var test = await RunAsync(repo.Path, "bash", ["build.sh", "Test", "--no-logo"], new(), TimeSpan.FromMinutes(8));
            Assert.True(test.ExitCode == 0, test.Output);
            Assert.EndsWith("Tests: 2 passed, 0 failed, 0 skipped", test.Output.TrimEnd());
            Assert.Equal(1, CountLines(test.Output, Building + "…"));
            var junit = System.Xml.Linq.XDocument.Load(Path.Combine(repo.Path, "artifacts", "test-results", "Tiny.Tests.xml"));
            Assert.Equal(2, junit.Descendants("testcase").Count());
            var cobertura = System.Xml.Linq.XDocument.Load(Path.Combine(repo.Path, "artifacts", "coverage", "Tiny.Tests.cobertura.xml"));
            Assert.Contains(cobertura.Descendants("class"), c => ((string?)c.Attribute("filename") ?? "").EndsWith("Greeter.cs", StringComparison.Ordinal));
            Assert.True(int.Parse((string)cobertura.Root!.Attribute("lines-covered")!, System.Globalization.CultureInfo.InvariantCulture) > 0, cobertura.ToString());
            Assert.Matches(@"Total line coverage: [1-9]\d*\.\d\d%", test.Output);
            // Nothing under the adopter's own projects was edited or added (bin/ and obj/ are ignored build output).
            Assert.Equal("", repo.Git("status", "--porcelain", "--", "src", "tests").Trim());
            // The first run said what it did: its two .gitignore lines and the CI file.
            Assert.Contains(".nuke/temp/", await File.ReadAllTextAsync(Path.Combine(repo.Path, ".gitignore")));
            Assert.Contains(".gitlab-ci.yml", test.Output);
            // ... and that GitVersion continues from the library's <Version> (2.1.2 was built, so the next release is
            // 2.1.3), not from 0.0.1; GitVersion's -p:Version beats the property in the project.
            Assert.Equal(1, CountLines(test.Output, "GitVersion.yml: next-version 2.1.3 (continues from <Version>2.1.2</Version> in src/Tiny/Tiny.csproj)"));
            Assert.Contains("\nnext-version: 2.1.3\n", await File.ReadAllTextAsync(Path.Combine(repo.Path, "GitVersion.yml")));
            var built = FileVersionInfo.GetVersionInfo(Path.Combine(repo.Path, "src", "Tiny", "bin", "Debug", "net10.0", "Tiny.dll"));
            Assert.StartsWith("2.1.3", built.ProductVersion);
            Assert.Equal("2.1.3.0", built.FileVersion);
            // The package's props gave the adopter's build the start-up defaults (its own _build.csproj sets none of them).
            var runtimeConfig = await File.ReadAllTextAsync(Path.Combine(repo.Path, ".nuke", "temp", "bin", "_build.runtimeconfig.json"));
            foreach (var setting in new[] { "\"System.Runtime.TieredPGO\": false", "\"System.GC.Concurrent\": false", "\"System.Diagnostics.Tracing.EventSource.IsSupported\": false" })
                Assert.Contains(setting, runtimeConfig);
            var assets = await File.ReadAllTextAsync(Path.Combine(repo.Path, "build", "obj", "project.assets.json"));
            Assert.Contains($"GitLabRelease.Build.Components/{version}", assets);
            Assert.DoesNotContain("Build.Engine.csproj", assets);
            output.WriteLine($"./build.sh Test: {clock.Elapsed}");

            // An edit to the adopter's library is not an input of the build project.
            repo.WriteFile("src/Tiny/Greeter.cs", "namespace Tiny;\npublic static class Greeter { public static string Greet(string name) => $\"Hi, {name}!\"; }\n");
            var warm = await RunAsync(repo.Path, "bash", ["build.sh", "--help", "--no-logo"], new());
            Assert.True(warm.ExitCode == 0, warm.Output);
            Assert.DoesNotContain(Building, warm.Output);
            // A run leaves its multicore-JIT profile beside the built build for the next run of the same command, recorded
            // on the command's first usual run after a build of the build project and then only played back (recording
            // rewrites the file at the end of every run). The first Test run regenerated the CI files, one-off work, so
            // it kept no profile. --help compiles too little to need one.
            var bin = Path.Combine(repo.Path, ".nuke", "temp", "bin");
            Assert.False(File.Exists(Path.Combine(bin, "startup-Test.jitprofile")), "the run that regenerated the CI files kept its profile");
            Assert.False(File.Exists(Path.Combine(bin, "startup-help.jitprofile")));
            var planProfile = Path.Combine(bin, "startup-Compile.jitprofile");
            var firstPlan = await RunAsync(repo.Path, "bash", ["build.sh", "Compile", "--plan", "--no-logo"], new());
            Assert.True(firstPlan.ExitCode == 0, firstPlan.Output);
            Assert.True(File.Exists(planProfile), "the first run of a command recorded no startup profile");
            var recorded = File.GetLastWriteTimeUtc(planProfile);
            var secondPlan = await RunAsync(repo.Path, "bash", ["build.sh", "Compile", "--plan", "--no-logo"], new());
            Assert.True(secondPlan.ExitCode == 0, secondPlan.Output);
            Assert.Equal(recorded, File.GetLastWriteTimeUtc(planProfile));
            repo.Git("checkout", "--", "src");

            // A second clone, with .nuke/temp/bin restored as a CI cache would, does not rebuild either.
            repo.Git("add", "-A");
            repo.Commit("First run: .gitignore and .gitlab-ci.yml");
            Directory.Delete(clone);
            Assert.Equal(0, (await RunAsync(repo.Path, "git", ["clone", "-q", repo.Path, clone], new())).ExitCode);
            CopyDirectory(Path.Combine(repo.Path, ".nuke", "temp", "bin"), Path.Combine(clone, ".nuke", "temp", "bin"));
            var cloned = await RunAsync(clone, "bash", ["build.sh", "--help", "--no-logo"], new());
            Assert.True(cloned.ExitCode == 0, cloned.Output);
            Assert.DoesNotContain(Building, cloned.Output);

            File.Delete(Path.Combine(repo.Path, ".gitlab-ci.yml"));
            var generate = await RunAsync(repo.Path, "bash", ["build.sh", "--generate-configuration", "--no-logo"], new());
            Assert.True(generate.ExitCode == 0, generate.Output);
            Assert.Contains("Wrote .gitlab-ci.yml", generate.Output);
            AssertValidPipeline(Path.Combine(repo.Path, ".gitlab-ci.yml"));
            Assert.Equal("", repo.Git("status", "--porcelain").Trim()); // the same file the first run wrote

            var project = "adopters/tiny";
            var bare = fixture.Sshd.CreateProject(project);
            var context = new Dictionary<string, string> { ["purpose"] = "gitlab-deploy-key", ["project"] = project };
            var blob = fixture.Kms.Encrypt(fixture.KmsKeyId, Encoding.UTF8.GetBytes(fixture.WriteKey.PrivateKeyText), context);
            repo.WriteFile(".nuke/deploy-key.enc", Convert.ToBase64String(blob) + "\n");
            // With the key the release job asks for the ID token: the adopter regenerates and commits, as CreateDeployKey says.
            var regenerate = await RunAsync(repo.Path, "bash", ["build.sh", "--generate-configuration", "--no-logo"], new());
            Assert.True(regenerate.ExitCode == 0, regenerate.Output);
            Assert.Contains("AWS_ID_TOKEN", await File.ReadAllTextAsync(Path.Combine(repo.Path, ".gitlab-ci.yml")));
            repo.Git("add", "-A");
            repo.Commit("Release setup");
            repo.Git("remote", "add", "origin", bare);
            repo.Git("push", "-q", "origin", "main");

            var pipeline = new ReleaseRepo(fixture, repo, project).Pipeline().Environment;
            var tag = await RunAsync(repo.Path, "bash", ["build.sh", "Tag", "--skip", "Restore", "Compile", "Test", "--no-logo"], pipeline);
            Assert.True(tag.ExitCode == 0, tag.Output);
            Assert.DoesNotContain(Building, tag.Output);
            var semVer = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(repo.Path, "artifacts", "version.json")))
                .RootElement.GetProperty("SemVer").GetString();
            Assert.Equal("2.1.3", semVer);
            Assert.Contains("Version 2.1.3 (", tag.Output);
            Assert.Equal(repo.Head, fixture.Sshd.TagCommit(project, "v" + semVer));
            Assert.Contains("ci.skip", fixture.Sshd.PushOptions(project));
            Assert.DoesNotContain(fixture.IdToken, tag.Output);
            output.WriteLine($"Tag: {clock.Elapsed}");
        }
        finally
        {
            foreach (var directory in new[] { feed, hive, clone })
                if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            RemoveFromGlobalPackages(version);
        }
    }

    private static int CountLines(string text, string line) => text.Split('\n').Count(l => l.TrimEnd('\r') == line);

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static void WriteAdoptingRepository(GitRepo repo, string feed)
    {
        var source = SourceTree.Root;
        foreach (var directory in new[] { "src/Tiny", "tests/Tiny.Tests" })
            Directory.CreateDirectory(Path.Combine(repo.Path, directory));
        repo.WriteFile(".gitignore", "bin/\nobj/\n");
        repo.WriteFile("global.json", File.ReadAllText(Path.Combine(source, "global.json")));
        // The packages come from the feed the test packed; the rest from the machine's package cache.
        repo.WriteFile("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="release-build" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        repo.WriteFile("Tiny.slnx", """
            <Solution>
              <Project Path="src/Tiny/Tiny.csproj" />
              <Project Path="tests/Tiny.Tests/Tiny.Tests.csproj" />
            </Solution>
            """);
        repo.WriteFile("src/Tiny/Tiny.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><Version>2.1.2</Version></PropertyGroup>
            </Project>
            """);
        repo.WriteFile("src/Tiny/Greeter.cs", """
            namespace Tiny;
            public static class Greeter { public static string Greet(string name) => $"Hello, {name}!"; }
            """);
        // A plain xunit test project, as `dotnet new xunit` makes it: no test logger, no coverlet.
        repo.WriteFile("tests/Tiny.Tests/Tiny.Tests.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><IsPackable>false</IsPackable></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
                <ProjectReference Include="../../src/Tiny/Tiny.csproj" />
              </ItemGroup>
            </Project>
            """);
        repo.WriteFile("tests/Tiny.Tests/GreeterTests.cs", """
            namespace Tiny.Tests;
            public class GreeterTests
            {
                [Xunit.Fact] public void Greets_by_name() => Xunit.Assert.Equal("Hello, Ada!", Greeter.Greet("Ada"));
                [Xunit.Fact] public void Greets_anyone() => Xunit.Assert.StartsWith("Hello", Greeter.Greet(""));
            }
            """);
    }

    private static void AssertValidPipeline(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path)) yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents.Single().RootNode;
        var stages = ((YamlSequenceNode)root[new YamlScalarNode("stages")]).Children.Select(s => s.ToString()).ToList();
        var jobs = root.Children.Where(c => c.Value is YamlMappingNode job && job.Children.ContainsKey(new YamlScalarNode("script")))
            .ToDictionary(c => c.Key.ToString(), c => (YamlMappingNode)c.Value);
        Assert.NotEmpty(jobs);
        foreach (var (name, job) in jobs)
        {
            Assert.Contains(job[new YamlScalarNode("stage")].ToString(), stages);
            var script = string.Join("\n", ((YamlSequenceNode)job[new YamlScalarNode("script")]).Children);
            Assert.True(script.Contains("./build.sh ", StringComparison.Ordinal), $"job {name} does not run the build: {script}");
        }
        var scripts = string.Join("\n", jobs.Values.SelectMany(j => ((YamlSequenceNode)j[new YamlScalarNode("script")]).Children));
        Assert.Contains("./build.sh Test", scripts);
        Assert.Contains("./build.sh Tag", scripts);
    }

    /// <summary>The configuration the source tree was built in (this test runs from tests/…/bin/&lt;configuration&gt;/…).</summary>
    private static string BuiltConfiguration =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static void RemoveFromGlobalPackages(string version)
    {
        var folder = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { "build.engine", "build.release", "build.gitlab", "build.components", "templates" })
        {
            var path = Path.Combine(folder, "gitlabrelease." + id, version);
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string directory, string file, string[] arguments,
        Dictionary<string, string?> environment, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var name in info.Environment.Keys.ToArray())
            if (ScrubbedPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal))) info.Environment.Remove(name);
        // No MSBuild worker nodes or build server left running after the test.
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        foreach (var (name, value) in environment)
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;

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
        // stderr first: build.sh's progress line goes there, and the build's last stdout line must stay last.
        return (process.ExitCode, await stderr + await stdout);
    }
}
