using System.Diagnostics;
using System.Text;
using EndToEnd.Tests.Support;
using Fixtures.Git;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace EndToEnd.Tests;

/// <summary>
/// docs/adopting.md, done by a test: a second repository (one library, one test project) whose build project references
/// only the packed packages (a local feed made by dotnet pack, as the Pack target runs it) and composes the components.
/// Slow by nature (restore and build of a second repository): one test covers Test, --generate-configuration and Tag.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AdoptionTests(ReleaseFixture fixture, ITestOutputHelper output) : IClassFixture<ReleaseFixture>
{
    // Same scrub list as BuildProcess: the adopting build must see only what the test gives it.
    private static readonly string[] ScrubbedPrefixes = ["CI_", "GITLAB_", "AWS_", "NUKE_", "SSH_KNOWN_HOSTS", "PUSH_URL",
        "KMS_KEY_ID", "DEPLOY_KEY", "TAG_PREFIX", "CONFIGURATION", "SOLUTION", "FORCE", "MSBUILD", "DOTNET_HOST_PATH"];

    [Fact]
    public async Task Another_repository_composes_the_packed_components_tests_generates_its_ci_file_and_releases()
    {
        var clock = Stopwatch.StartNew();
        var feed = GitRepo.NewTempDirectory("e2e-feed");
        // A version no run used before: the shared global packages folder caches a package by id and version.
        var version = $"0.0.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        using var repo = GitRepo.Init();
        try
        {
            var pack = await RunAsync(SourceTree.Root, "dotnet", ["pack", "App.sln", "--no-build", "--no-restore", "--nologo",
                "-c", BuiltConfiguration, "-o", feed, $"-p:Version={version}"], new());
            Assert.True(pack.ExitCode == 0, pack.Output);
            Assert.Contains($"GitLabRelease.Build.Components.{version}.nupkg", Directory.GetFiles(feed).Select(Path.GetFileName));
            output.WriteLine($"pack: {clock.Elapsed}");

            WriteAdoptingRepository(repo, feed, version);
            repo.Git("add", "-A");
            repo.Commit("Adopt the release flow");

            var test = await RunAsync(repo.Path, "bash", ["build.sh", "Test", "--no-logo"], new(), TimeSpan.FromMinutes(8));
            Assert.True(test.ExitCode == 0, test.Output);
            Assert.EndsWith("Tests: 2 passed, 0 failed, 0 skipped", test.Output.TrimEnd());
            Assert.True(File.Exists(Path.Combine(repo.Path, "artifacts", "test-results", "Tiny.Tests.xml")));
            var assets = await File.ReadAllTextAsync(Path.Combine(repo.Path, "build", "obj", "project.assets.json"));
            Assert.Contains($"GitLabRelease.Nuke.Components/{version}", assets);
            Assert.DoesNotContain("Build.Engine.csproj", assets);
            output.WriteLine($"./build.sh Test: {clock.Elapsed}");

            var buildDll = Path.Combine(repo.Path, ".nuke", "temp", "bin", "_build.dll");
            var generate = await RunAsync(repo.Path, "dotnet", [buildDll, "--generate-configuration", "--no-logo"], new());
            Assert.True(generate.ExitCode == 0, generate.Output);
            AssertValidPipeline(Path.Combine(repo.Path, ".gitlab-ci.yml"));

            var project = "adopters/tiny";
            var bare = fixture.Sshd.CreateProject(project);
            var context = new Dictionary<string, string> { ["purpose"] = "gitlab-deploy-key", ["project"] = project };
            var blob = fixture.Kms.Encrypt(fixture.KmsKeyId, Encoding.UTF8.GetBytes(fixture.WriteKey.PrivateKeyText), context);
            repo.WriteFile(".nuke/deploy-key.enc", Convert.ToBase64String(blob) + "\n");
            repo.Git("add", "-A");
            repo.Commit("Release setup");
            repo.Git("remote", "add", "origin", bare);
            repo.Git("push", "-q", "origin", "main");

            var pipeline = new ReleaseRepo(fixture, repo, project).Pipeline().Environment;
            var tag = await RunAsync(repo.Path, "dotnet", [buildDll, "Tag", "--skip", "Restore", "Compile", "Test", "--no-logo"], pipeline);
            Assert.True(tag.ExitCode == 0, tag.Output);
            var semVer = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(repo.Path, "artifacts", "version.json")))
                .RootElement.GetProperty("SemVer").GetString();
            Assert.Equal(repo.Head, fixture.Sshd.TagCommit(project, "v" + semVer));
            Assert.Contains("ci.skip", fixture.Sshd.PushOptions(project));
            Assert.DoesNotContain(ReleaseFixture.IdToken, tag.Output);
            output.WriteLine($"Tag: {clock.Elapsed}");
        }
        finally
        {
            Directory.Delete(feed, recursive: true);
            RemoveFromGlobalPackages(version);
        }
    }

    private static void WriteAdoptingRepository(GitRepo repo, string feed, string version)
    {
        var source = SourceTree.Root;
        foreach (var directory in new[] { ".nuke", "src/Tiny", "tests/Tiny.Tests", "build" })
            Directory.CreateDirectory(Path.Combine(repo.Path, directory));
        repo.WriteFile(".gitignore", ".nuke/temp/\nartifacts/\nbin/\nobj/\n");
        repo.WriteFile("global.json", File.ReadAllText(Path.Combine(source, "global.json")));
        repo.WriteFile("GitVersion.yml", File.ReadAllText(Path.Combine(source, "GitVersion.yml")));
        repo.WriteFile("build.sh", File.ReadAllText(Path.Combine(source, "build.sh")));
        repo.WriteFile(".nuke/parameters.json", "{\n  \"$schema\": \"./build.schema.json\"\n}\n");
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
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
            </Project>
            """);
        repo.WriteFile("src/Tiny/Greeter.cs", """
            namespace Tiny;
            public static class Greeter { public static string Greet(string name) => $"Hello, {name}!"; }
            """);
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
        repo.WriteFile("build/_build.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <AssemblyName>_build</AssemblyName>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <IsPackable>false</IsPackable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="GitLabRelease.Build.Components" Version="[{version}]" />
                <PackageDownload Include="GitVersion.MsBuild" Version="[6.8.2]" />
              </ItemGroup>
            </Project>
            """);
        repo.WriteFile("build/Build.cs", """
            using GitLabRelease.Components;
            using Nuke.Common;
            using Nuke.Common.CI.GitLab;
            using Nuke.Components;

            [GitLabCI(CompileTargets = [nameof(ICompile.Compile)], TestTargets = [nameof(ITest.Test)], ReleaseTargets = [nameof(IGitLabRelease.Tag)])]
            class Build : NukeBuild, IRestore, ICompile, ITest, IDeployKey, IGitLabRelease
            {
                public static int Main() => Execute<Build>(x => ((ITest)x).Test);
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
        foreach (var id in new[] { "engine", "release", "gitlab", "components" })
        {
            var path = Path.Combine(folder, "gitlabrelease.build." + id, version);
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
        return (process.ExitCode, await stdout + await stderr);
    }
}
