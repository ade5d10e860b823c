using Engine.Tests.Support;
using Nuke.Common.IO;

namespace Engine.Tests;

public class ParameterTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    public enum Mode { Fast, Thorough, DeepScan }

    public class ParameterBuild : NukeBuild
    {
        [Parameter("Key id")] public string KmsKeyId = "from-initializer";
        [Parameter] public bool Flag;
        [Parameter] public int Number;
        [Parameter] public Mode Mode;
        [Parameter] public AbsolutePath? Output;
        [Parameter] public string[] Names = [];
        [Parameter] public Dictionary<string, string> Labels = new();
        [Parameter(Name = "Renamed")] public string? Original;
        [Parameter] public string? TagPrefix { get; set; }
        [Parameter] public string Configuration = IsLocalBuild ? "Debug" : "Release";

        Target Noop => _ => _.Executes(() => { });
    }

    private async Task<ParameterBuild> Run(string args)
    {
        var result = await _harness.RunAsync<ParameterBuild>("Noop " + args);
        Assert.True(result.ExitCode == 0, _harness.Output);
        return (ParameterBuild)result.Build!;
    }

    [Fact]
    public async Task Precedence_is_command_line_then_environment_then_parameters_json_then_initializer()
    {
        Assert.Equal("from-initializer", (await Run("")).KmsKeyId);

        _harness.WriteParametersJson("""{ "$schema": "./build.schema.json", "KmsKeyId": "from-json" }""");
        Assert.Equal("from-json", (await Run("")).KmsKeyId);

        _harness.Environment["KMS_KEY_ID"] = "from-env";
        Assert.Equal("from-env", (await Run("")).KmsKeyId);

        Assert.Equal("from-cli", (await Run("--kms-key-id from-cli")).KmsKeyId);
    }

    [Theory]
    [InlineData("KmsKeyId")]
    [InlineData("KMS_KEY_ID")]
    [InlineData("NUKE_KMS_KEY_ID")]
    [InlineData("kms_key_id")]
    [InlineData("nuke_kmskeyid")]
    public async Task Environment_names_are_lenient(string variable)
    {
        _harness.Environment[variable] = "value";
        Assert.Equal("value", (await Run("")).KmsKeyId);
    }

    [Fact]
    public async Task Exact_environment_names_win_over_lenient_ones()
    {
        _harness.Environment["NUKE_KMS_KEY_ID"] = "prefixed";
        _harness.Environment["KMS_KEY_ID"] = "snake";
        Assert.Equal("snake", (await Run("")).KmsKeyId);
    }

    [Fact]
    public async Task Every_supported_type_converts()
    {
        var build = await Run("--flag --number 42 --mode thorough --output out/x --names a b --labels k=v x=y --renamed r --tag-prefix rel-");
        Assert.True(build.Flag);
        Assert.Equal(42, build.Number);
        Assert.Equal(Mode.Thorough, build.Mode);
        Assert.Equal(_harness.Root / "out" / "x", build.Output);
        Assert.Equal(["a", "b"], build.Names);
        Assert.Equal(new Dictionary<string, string> { ["k"] = "v", ["x"] = "y" }, build.Labels);
        Assert.Equal("r", build.Original);
        Assert.Equal("rel-", build.TagPrefix);
    }

    [Theory]
    [InlineData("deep-scan")]
    [InlineData("DeepScan")]
    [InlineData("DEEP_SCAN")]
    public async Task Enum_values_ignore_case_and_dashes_as_option_names_do(string value) =>
        Assert.Equal(Mode.DeepScan, (await Run("--mode " + value)).Mode);

    [Fact]
    public async Task Text_sources_split_lists_and_json_gives_typed_values()
    {
        _harness.Environment["NAMES"] = "a,b c";
        _harness.Environment["LABELS"] = "k=v,x=y";
        _harness.WriteParametersJson("""{ "Flag": true, "Number": 7, "Mode": "Thorough", "Output": "/tmp/abs" }""");
        var build = await Run("");
        Assert.Equal(["a", "b", "c"], build.Names);
        Assert.Equal("y", build.Labels["x"]);
        Assert.True(build.Flag);
        Assert.Equal(7, build.Number);
        Assert.Equal(Mode.Thorough, build.Mode);
        Assert.Equal("/tmp/abs", (string)build.Output!);
    }

    [Theory]
    [InlineData("--number many", "Parameter Number got 'many' from command-line option --number, which is not a valid whole number")]
    [InlineData("--mode slow", "which is not a valid one of fast, thorough, deep-scan")]
    [InlineData("--flag maybe", "which is not a valid boolean")]
    [InlineData("--labels novalue", "which is not a valid list of key=value pairs")]
    public async Task Conversion_errors_name_parameter_source_and_type(string args, string expected)
    {
        var result = await _harness.RunAsync<ParameterBuild>("Noop " + args);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, _harness.Output);
    }

    [Fact]
    public async Task Conversion_errors_name_environment_and_json_sources()
    {
        _harness.Environment["NUMBER"] = "x";
        await _harness.RunAsync<ParameterBuild>("Noop");
        Assert.Contains("from environment variable NUMBER", _harness.Output);

        _harness.Environment.Clear();
        _harness.WriteParametersJson("""{ "Number": "y" }""");
        await _harness.RunAsync<ParameterBuild>("Noop");
        Assert.Contains("from .nuke/parameters.json property \"Number\"", _harness.Output);
    }

    [Fact]
    public async Task Initializers_see_the_host()
    {
        Assert.Equal("Debug", (await Run("")).Configuration);
        _harness.Environment["FAKE_CI"] = "true";
        Assert.Equal("Release", (await Run("")).Configuration);
    }

    [Fact]
    public async Task Invalid_parameters_json_fails_with_a_fix()
    {
        _harness.WriteParametersJson("{ nope");
        var result = await _harness.RunAsync<ParameterBuild>("Noop");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(".nuke/parameters.json is not valid JSON", _harness.Output);
    }

    [Fact]
    public async Task A_parameter_set_twice_in_parameters_json_fails_naming_it()
    {
        _harness.WriteParametersJson("{ \"Configuration\": \"Debug\", \"configuration\": \"Release\" }");
        var result = await _harness.RunAsync<ParameterBuild>("Noop");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("sets parameter \"configuration\" twice", _harness.Output);
    }

    // Built at run time: the header line in source would read as a committed key to secret scanners.
    private static string FakePrivateKey(out string[] bodyLines)
    {
        bodyLines = Enumerable.Range(0, 3).Select(_ => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48))).ToArray();
        return "-----BEGIN " + "OPENSSH PRIVATE KEY-----\n" + string.Join("\n", bodyLines) + "\n-----END " + "OPENSSH PRIVATE KEY-----\n";
    }

    [Fact]
    public async Task A_path_parameter_holding_a_private_key_is_refused_without_echoing_it_and_is_masked()
    {
        var key = FakePrivateKey(out var bodyLines);
        _harness.Environment["OUTPUT"] = key;

        var result = await _harness.RunAsync<ParameterBuild>("Noop");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Parameter Output is a file path, but environment variable OUTPUT holds a private key (not shown)", _harness.Output);
        Assert.Contains("not to its content", _harness.Output);
        foreach (var line in bodyLines) Assert.DoesNotContain(line, _harness.Output);
        Assert.DoesNotContain("PRIVATE KEY-----", _harness.Output);
        var log = _harness.Root / ".nuke" / "temp" / "build.log";
        if (log.FileExists()) foreach (var line in bodyLines) Assert.DoesNotContain(line, log.ReadAllText());
    }

    [Theory]
    [InlineData("token")]
    [InlineData("lines")]
    public async Task A_path_parameter_holding_a_token_or_several_lines_is_refused_from_any_source(string kind)
    {
        var secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var value = kind == "token" ? $"eyJhbGciOiJSUzI1NiJ9.{secret}.c2lnbmF0dXJl" : $"first-{secret}\nsecond-line";
        _harness.WriteParametersJson(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["Output"] = value }));

        var result = await _harness.RunAsync<ParameterBuild>("Noop");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"Parameter Output is a file path, but .nuke/parameters.json property \"Output\" holds {(kind == "token" ? "a JSON Web Token" : "several lines")}", _harness.Output);
        Assert.DoesNotContain(secret, _harness.Output);
    }

    [Fact]
    public async Task A_single_line_path_with_dots_is_still_a_path()
    {
        var build = await Run("--output eyJ.notes/out.v2");
        Assert.Equal(_harness.Root / "eyJ.notes" / "out.v2", build.Output);
    }

    public enum Declared { Zeta = 5, Alpha = 1, Minus = -1, MiddleValue = 3 }
    public enum Wide : ulong { Top = ulong.MaxValue, Low = 2 }

    [Theory]
    [InlineData(typeof(Mode))]
    [InlineData(typeof(Declared))]
    [InlineData(typeof(Wide))]
    public void Help_lists_an_enum_parameter_s_values_in_the_order_Enum_GetNames_gives(Type type) =>
        Assert.Equal("one of " + string.Join(", ", Enum.GetNames(type).Select(Nuke.Common.CommandLine.NameText.ToKebabCase)),
            Nuke.Common.Parameters.ParameterConverter.Describe(type));
}
