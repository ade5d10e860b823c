using System.Diagnostics;
using EndToEnd.Tests.Support;

namespace EndToEnd.Tests;

/// <summary>
/// build.sh runs the already-built build when nothing it is made of changed (the list its build wrote, keyed on
/// content), and rebuilds after an edit to the build project or a project it references, not after one to a project
/// it does not reference, and after one to the Directory.Build.props above a referenced project; a warm run checks the
/// inputs' stats first and hashes their content only when a stat differs. It builds ReadyToRun on a workstation and
/// without precompiling in CI. Exercised on a tiny
/// tree with the real build.sh and the real targets file.
/// </summary>
[Collection(BuildCollection.Name)]
public sealed class BootstrapTests : IDisposable
{
    private readonly string _root = Fixtures.Git.GitRepo.NewTempDirectory("e2e-bootstrap");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Build_sh_reuses_the_built_build_until_one_of_its_inputs_changes_and_in_a_second_clone()
    {
        var targets = Path.Combine(SourceTree.Root, "src", "Build.Components", "build", "GitLabRelease.Build.Components.targets");
        File.Copy(Path.Combine(SourceTree.Root, "build.sh"), Path.Combine(_root, "build.sh"));
        File.Copy(Path.Combine(SourceTree.Root, "global.json"), Path.Combine(_root, "global.json"));
        Write("Directory.Build.props", "<Project><PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>");
        // No Directory.Packages.props: build.sh must cope with a repository that lacks one of its inputs.
        // The referenced project's parent folder has its own props, chained to the root's, as adopters' trees often do.
        WriteSrcProps("LIB_ONE");
        Write("src/Lib/Lib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        Write("src/Lib/Greeting.cs", "public static class Greeting { public const string Text = \"lib-1\"; }");
        Write("src/Lib/Flavour.cs", "public static class Flavour {\n#if LIB_ONE\n public const string Text = \"one\";\n#else\n public const string Text = \"two\";\n#endif\n}");
        Write("src/Lib/Extra.cs", "public static class Extra { }");
        Write("src/Product/Product.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        Write("src/Product/Code.cs", "public static class Code { }");
        Write("src/Product/Directory.Build.props", "<Project><Import Project=\"../Directory.Build.props\" /></Project>");
        Write("build/_build.csproj", $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><AssemblyName>_build</AssemblyName></PropertyGroup>
              <ItemGroup><ProjectReference Include="../src/Lib/Lib.csproj" /></ItemGroup>
              <Import Project="{{targets}}" />
            </Project>
            """);
        Write("build/Build.cs", "System.Console.WriteLine(\"build-1 \" + Greeting.Text + \" \" + Flavour.Text);");

        var (first, log) = await RunWithLogAsync(_root);
        Assert.Equal("build-1 lib-1 one", first);
        Assert.Equal(1, log.Split('\n').Count(line => line == "Building the build project…"));
        var stamp = StampTime();
        // On a workstation the build is precompiled (ReadyToRun): it runs many times per build of it.
        Assert.True(IsReadyToRun(), "build.sh outside CI did not publish the build ReadyToRun");

        Assert.Equal("build-1 lib-1 one", await RunAsync());
        Assert.Equal(stamp, StampTime()); // no rebuild

        // Nothing changed since: the stats match, so the content is not hashed (no git runs at all).
        var spy = Path.Combine(_root, "spy");
        Directory.CreateDirectory(spy);
        File.WriteAllText(Path.Combine(spy, "git"), $"#!/bin/sh\ntouch '{spy}/git-ran'\nexit 1\n");
        File.SetUnixFileMode(Path.Combine(spy, "git"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var (spied, _) = await RunWithLogAsync(_root, ("PATH", spy + ":" + Environment.GetEnvironmentVariable("PATH")));
        Assert.Equal("build-1 lib-1 one", spied);
        Assert.False(File.Exists(Path.Combine(spy, "git-ran")), "a warm run with unchanged inputs hashed their content");
        Assert.Equal(stamp, StampTime());

        // Product code the build does not reference is not an input, nor are the props of a folder it does not reference.
        Write("src/Product/Code.cs", "public static class Code { public static int Changed; }");
        Write("src/Product/Directory.Build.props", "<Project><Import Project=\"../Directory.Build.props\" /><PropertyGroup><Nullable>enable</Nullable></PropertyGroup></Project>");
        var (warm, quiet) = await RunWithLogAsync(_root);
        Assert.Equal("build-1 lib-1 one", warm);
        Assert.DoesNotContain("Building the build project", quiet);
        Assert.Equal(stamp, StampTime());

        // A second clone (other path, every file new) with the built build copied in, as a CI cache restores it.
        var clone = Fixtures.Git.GitRepo.NewTempDirectory("e2e-bootstrap-clone");
        try
        {
            foreach (var file in Directory.GetFiles(_root, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(_root, file);
                if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin") && !relative.StartsWith(Path.Combine(".nuke", "temp", "bin"), StringComparison.Ordinal)) continue;
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(clone, relative))!);
                File.Copy(file, Path.Combine(clone, relative));
            }
            var (cloned, cloneLog) = await RunWithLogAsync(clone);
            Assert.Equal("build-1 lib-1 one", cloned);
            Assert.DoesNotContain("Building the build project", cloneLog);
        }
        finally
        {
            Directory.Delete(clone, recursive: true);
        }

        // The props in a referenced project's parent folder (neither the root's nor in the project's own folder) are an input.
        WriteSrcProps("LIB_TWO");
        Assert.Equal("build-1 lib-1 two", await RunAsync());

        Write("build/Build.cs", "System.Console.WriteLine(\"build-2 \" + Greeting.Text + \" \" + Flavour.Text);");
        Assert.Equal("build-2 lib-1 two", await RunAsync());

        Write("src/Lib/Greeting.cs", "public static class Greeting { public const string Text = \"lib-2\"; }");
        Assert.Equal("build-2 lib-2 two", await RunAsync());

        // A warm run trusts the inputs' stats (change time, inode) as git's index does. An edit of the same size
        // whose modification time is set back, as an editor or a restore may do, still changes the change time, so
        // build.sh builds again. (MSBuild itself goes by modification times, so it may keep the old code: only the
        // rebuild is build.sh's to promise.)
        var greeting = Path.Combine(_root, "src/Lib/Greeting.cs");
        var reference = Path.Combine(_root, "greeting-time");
        await TouchAsync("-r", greeting, reference); // touch keeps the nanoseconds that File.SetLastWriteTimeUtc drops
        var beforeSameSize = StampTime();
        Write("src/Lib/Greeting.cs", "public static class Greeting { public const string Text = \"lib-3\"; }");
        await TouchAsync("-r", reference, greeting);
        await RunAsync();
        Assert.NotEqual(beforeSameSize, StampTime());
        Assert.StartsWith(File.ReadAllLines(Path.Combine(_root, ".nuke", "temp", "bin", "_build.stamp"))[1] + "\n",
            File.ReadAllText(Path.Combine(_root, ".nuke", "temp", "bin", "_build.statkey")), StringComparison.Ordinal);

        // A deleted file makes no file newer, yet the build must not keep code that is gone. This rebuild runs as a CI
        // job does (CI=true): a pipeline runs its build a few times, so compiling it ahead would cost more than it saves.
        var withExtra = StampTime();
        File.Delete(Path.Combine(_root, "src/Lib/Extra.cs"));
        Assert.Equal("build-2 lib-3 two", (await RunWithLogAsync(_root, ("CI", "true"))).Output);
        Assert.NotEqual(withExtra, StampTime());
        Assert.False(IsReadyToRun(), "build.sh in CI published the build ReadyToRun");
    }

    /// <summary>A ReadyToRun image carries precompiled code, announced by the CLI header's managed native header.</summary>
    private bool IsReadyToRun()
    {
        using var stream = File.OpenRead(Path.Combine(_root, ".nuke", "temp", "bin", "_build.dll"));
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        return pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
    }

    private void WriteSrcProps(string constant) => Write("src/Directory.Build.props",
        $"<Project><Import Project=\"../Directory.Build.props\" /><PropertyGroup><DefineConstants>$(DefineConstants);{constant}</DefineConstants></PropertyGroup></Project>");

    private DateTime StampTime() => new FileInfo(Path.Combine(_root, ".nuke", "temp", "bin", "_build.stamp")).LastWriteTimeUtc;

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private static async Task TouchAsync(params string[] arguments)
    {
        using var touch = Process.Start(new ProcessStartInfo("touch", arguments))!;
        await touch.WaitForExitAsync();
        Assert.Equal(0, touch.ExitCode);
    }

    private async Task<string> RunAsync() => (await RunWithLogAsync(_root)).Output;

    private static async Task<(string Output, string Log)> RunWithLogAsync(string root, params (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(root, "build.sh")])
        {
            WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        // The test run's own CI variable must not decide how build.sh builds: each step says whether it is a CI job.
        info.Environment.Remove("CI");
        foreach (var (name, value) in environment) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(process.ExitCode == 0, $"build.sh exited {process.ExitCode}: {await stdout}{await stderr}");
        return ((await stdout).Trim(), await stderr);
    }
}
