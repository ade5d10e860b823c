using Nuke.Common.Output;
using Engine.Tests.Support;
using Nuke.Common.Tooling;

namespace Engine.Tests;

public class MaskingTests : IDisposable
{
    private const string Secret = "s3cr3t-V4lue-9081";
    private readonly BuildHarness _harness = new();

    public MaskingTests() => _harness.Environment["API_TOKEN"] = Secret;

    public void Dispose() => _harness.Dispose();

    public class SecretBuild : NukeBuild
    {
        [Parameter, Secret] public string? ApiToken;

        Target LogIt => _ => _.Executes(() => Log.Information("token is {Token} and " + ApiToken, ApiToken));
        Target ToolOutput => _ => _.Executes(() => Tools.RunAsync(new ToolInvocation("sh", ["-c", "echo out:$API_TOKEN; echo err:$API_TOKEN >&2"])
        {
            Environment = new Dictionary<string, string?> { ["API_TOKEN"] = ApiToken },
        }, CancellationToken));
        Target Throws => _ => _.Executes(() => throw new InvalidOperationException($"request with {ApiToken} was refused"));
        Target ThrowsBuildException => _ => _.Executes(() => throw new BuildException($"cause {ApiToken}", $"fix {ApiToken}"));
        Target ToolFails => _ => _.Executes(() => Tools.RunAsync(new ToolInvocation("sh", ["-c", $"echo failed with {ApiToken} >&2; exit 3"]), CancellationToken));
        Target LogsException => _ => _.Executes(() => Log.Warning(new Exception($"inner {ApiToken}"), "warned"));
    }

    [Theory]
    [InlineData("LogIt")]
    [InlineData("ToolOutput")]
    [InlineData("Throws")]
    [InlineData("ThrowsBuildException")]
    [InlineData("ToolFails")]
    [InlineData("LogsException --verbosity verbose")]
    public async Task A_secret_parameter_never_appears_in_output_or_the_log_file(string args)
    {
        await _harness.RunAsync<SecretBuild>(args);
        Assert.Contains(SecretMasker.Redacted, _harness.Output);
        Assert.DoesNotContain(Secret, _harness.Output);
        var log = (_harness.Root / ".nuke" / "temp" / "build.log").ReadAllText();
        Assert.Contains(SecretMasker.Redacted, log);
        Assert.DoesNotContain(Secret, log);
    }

    public class EchoBuild : NukeBuild
    {
        Target Echo => _ => _.Executes(() => Log.Information("token is {Token}", EnvironmentVariable("FAKE_CI_JOB_TOKEN")));
    }

    [Fact]
    public async Task A_secret_the_host_declares_is_masked_although_no_parameter_holds_it()
    {
        const string token = "fake-job-token-7a1c";
        _harness.Environment["FAKE_CI"] = "true";
        _harness.Environment["FAKE_CI_JOB_TOKEN"] = token;

        await _harness.RunAsync<EchoBuild>("Echo");

        Assert.Contains($"token is {SecretMasker.Redacted}", _harness.Output);
        Assert.DoesNotContain(token, _harness.Output);
        Assert.DoesNotContain(token, (_harness.Root / ".nuke" / "temp" / "build.log").ReadAllText());
    }

    [Fact]
    public async Task Tool_output_is_logged_and_failures_carry_exit_code_and_stderr()
    {
        var result = await _harness.RunAsync<SecretBuild>("ToolFails");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("sh exited with code 3", _harness.Output);
        Assert.Contains($"failed with {SecretMasker.Redacted}", _harness.Output);

        await _harness.RunAsync<SecretBuild>("ToolOutput");
        Assert.Contains($"out:{SecretMasker.Redacted}", _harness.Output);
        Assert.Contains($"err:{SecretMasker.Redacted}", _harness.Output);
    }

    [Fact]
    public void The_masking_writer_masks_secrets_written_in_pieces()
    {
        var masker = new SecretMasker();
        masker.Add(Secret);
        var inner = new StringWriter();
        var writer = new MaskingTextWriter(inner, masker);
        foreach (var c in $"a {Secret} b\n") writer.Write(c);
        writer.Write(Secret[..5]);
        writer.Write(Secret[5..]);
        writer.Flush();
        Assert.Equal($"a {SecretMasker.Redacted} b\n{SecretMasker.Redacted}", inner.ToString());
    }
}
