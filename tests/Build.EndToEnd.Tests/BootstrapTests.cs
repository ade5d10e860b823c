using System.Diagnostics;
using EndToEnd.Tests.Support;

namespace EndToEnd.Tests;

/// <summary>
/// build.sh runs the already-built build when nothing it is made of changed, and rebuilds after an edit to the
/// build project or a src/ project it references. Exercised on a tiny tree with the real build.sh.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class BootstrapTests : IDisposable
{
    private readonly string _root = Fixtures.Git.GitRepo.NewTempDirectory("e2e-bootstrap");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Build_sh_reuses_the_built_build_until_Build_cs_or_a_referenced_src_file_changes()
    {
        File.Copy(Path.Combine(SourceTree.Root, "build.sh"), Path.Combine(_root, "build.sh"));
        File.Copy(Path.Combine(SourceTree.Root, "global.json"), Path.Combine(_root, "global.json"));
        Write("Directory.Build.props", "<Project><PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>");
        // No Directory.Packages.props: build.sh must cope with a repository that lacks one of its inputs.
        Write("src/Lib/Lib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        Write("src/Lib/Greeting.cs", "public static class Greeting { public const string Text = \"lib-1\"; }");
        Write("src/Lib/Extra.cs", "public static class Extra { }");
        Write("build/_build.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><AssemblyName>_build</AssemblyName></PropertyGroup>
              <ItemGroup><ProjectReference Include="../src/Lib/Lib.csproj" /></ItemGroup>
            </Project>
            """);
        Write("build/Build.cs", "System.Console.WriteLine(\"build-1 \" + Greeting.Text);");

        Assert.Equal("build-1 lib-1", await RunAsync());
        var stamp = StampTime();

        Assert.Equal("build-1 lib-1", await RunAsync());
        Assert.Equal(stamp, StampTime()); // no rebuild

        Write("build/Build.cs", "System.Console.WriteLine(\"build-2 \" + Greeting.Text);");
        Assert.Equal("build-2 lib-1", await RunAsync());

        Write("src/Lib/Greeting.cs", "public static class Greeting { public const string Text = \"lib-2\"; }");
        Assert.Equal("build-2 lib-2", await RunAsync());

        // A deleted file makes no file newer, yet the build must not keep code that is gone.
        var withExtra = StampTime();
        File.Delete(Path.Combine(_root, "src/Lib/Extra.cs"));
        Assert.Equal("build-2 lib-2", await RunAsync());
        Assert.NotEqual(withExtra, StampTime());
    }

    private DateTime StampTime() => new FileInfo(Path.Combine(_root, ".nuke", "temp", "build.stamp")).LastWriteTimeUtc;

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private async Task<string> RunAsync()
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(_root, "build.sh")])
        {
            WorkingDirectory = _root, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(process.ExitCode == 0, $"build.sh exited {process.ExitCode}: {await stdout}{await stderr}");
        return (await stdout).Trim();
    }
}
