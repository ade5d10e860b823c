using Nuke.Common.CommandLine;
using Engine.Tests.Support;
using Nuke.Common.IO;

namespace Engine.Tests;

public class CommandLineTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void Words_before_the_first_option_are_targets()
    {
        var parsed = CommandLineParser.Parse(["Compile", "test+pack", "--target", "x+y", "z", "--verbosity", "Verbose", "--no-logo", "--skip", "--kms-key-id", "k"]);
        Assert.Equal(["Compile", "test", "pack", "x", "y", "z"], parsed.Targets);
        Assert.Equal(Verbosity.Verbose, parsed.Verbosity);
        Assert.True(parsed.NoLogo);
        Assert.Equal([], parsed.Skip);
        Assert.Equal(["k"], parsed.ParameterOptions["kmskeyid"].Values);
    }

    [Theory]
    [InlineData("--Help")]
    [InlineData("-h")]
    [InlineData("--HE-LP")]
    public void Option_names_ignore_case_and_dashes(string option) => Assert.True(CommandLineParser.Parse([option]).Help);

    [Fact]
    public void Built_in_options_parse()
    {
        var parsed = CommandLineParser.Parse(["--plan", "--root", "/r", "--host", "Terminal", "--generate-configuration", "--skip", "a+b"]);
        Assert.True(parsed.Plan);
        Assert.Equal("/r", parsed.Root);
        Assert.Equal("Terminal", parsed.Host);
        Assert.True(parsed.GenerateConfiguration);
        Assert.Equal(["a", "b"], parsed.Skip);
        Assert.Null(CommandLineParser.Parse([]).Skip);
    }

    [Theory]
    [InlineData("--verbosity loud", "Unknown verbosity 'loud'")]
    [InlineData("--plan Compile", "Option --plan takes no value")]
    [InlineData("--root", "Option --root needs exactly one value")]
    public void Bad_built_in_options_fail_clearly(string args, string expected)
    {
        var error = Assert.Throws<BuildException>(() => CommandLineParser.Parse(args.Split(' ')));
        Assert.Contains(expected, error.Message);
        Assert.NotNull(error.Fix);
    }

    public class TargetBuild : RecordingBuild
    {
        Target CompileAll => _ => Record(_, "CompileAll");
        Target Other => _ => Record(_, "Other");
    }

    [Fact]
    public async Task Target_names_ignore_case_and_dashes()
    {
        var result = await _harness.RunAsync<TargetBuild>("compile-all --target OTHER");
        Assert.Equal(["CompileAll", "Other"], ((TargetBuild)result.Build!).Executed);
    }

    [Fact]
    public async Task Unknown_options_fail_naming_them()
    {
        var result = await _harness.RunAsync<TargetBuild>("Other --no-such-thing 1");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Unknown option: --no-such-thing", _harness.Output);
        Assert.Empty(((TargetBuild)result.Build!).Executed);
    }

    [Fact]
    public async Task Root_is_found_upwards_or_given()
    {
        var nested = (_harness.Root / "a" / "b").CreateDirectory();
        var result = await BuildRunnerFrom(nested, "Other");
        Assert.Equal(_harness.Root, ((INukeBuild)result.Build!).RootDirectory);

        var elsewhere = AbsolutePath.Create(Path.GetTempPath()) / Guid.NewGuid().ToString("N");
        elsewhere.CreateDirectory();
        try
        {
            var explicitRoot = await BuildRunnerFrom(elsewhere, $"Other --root {_harness.Root}");
            Assert.Equal(_harness.Root, ((INukeBuild)explicitRoot.Build!).RootDirectory);
            Assert.Equal(_harness.Root / ".nuke" / "temp", ((INukeBuild)explicitRoot.Build!).TemporaryDirectory);
        }
        finally
        {
            Directory.Delete(elsewhere, true);
        }
    }

    private static Task<BuildRunResult> BuildRunnerFrom(string directory, string args) =>
        BuildRunner.RunAsync<TargetBuild>(new BuildRunOptions
        {
            Arguments = args.Split(' '),
            Environment = new Dictionary<string, string>(),
            WorkingDirectory = directory,
            Output = TextWriter.Null,
        });

    [Theory]
    [InlineData("KmsKeyId", "kms-key-id", "KMS_KEY_ID")]
    [InlineData("SSHKnownHosts", "ssh-known-hosts", "SSH_KNOWN_HOSTS")]
    [InlineData("Configuration", "configuration", "CONFIGURATION")]
    [InlineData("Version2Name", "version2-name", "VERSION2_NAME")]
    public void Names_convert_to_kebab_and_upper_snake(string member, string kebab, string snake)
    {
        Assert.Equal(kebab, NameText.ToKebabCase(member));
        Assert.Equal(snake, NameText.ToUpperSnakeCase(member));
    }
}

public class ParametersJsonTargetTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Parameters_json_can_name_targets_and_skips_and_the_command_line_wins()
    {
        _harness.WriteParametersJson("""{ "Target": ["CompileAll", "Other"], "Skip": ["Other"] }""");
        var fromJson = await _harness.RunAsync<CommandLineTests.TargetBuild>("");
        Assert.Equal(["CompileAll"], ((CommandLineTests.TargetBuild)fromJson.Build!).Executed);

        var fromCli = await _harness.RunAsync<CommandLineTests.TargetBuild>("Other --skip CompileAll");
        Assert.Equal(["Other"], ((CommandLineTests.TargetBuild)fromCli.Build!).Executed);
    }
}
