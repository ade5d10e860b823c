using Nuke.Common;
using Nuke.Common.Output;

namespace Engine.Tests;

public sealed class SpellingTests
{
    [Fact]
    public void Marked_names_are_spelled_as_the_command_line_takes_them()
    {
        var text = $"Set {Spelling.Parameter("KmsKeyId")}, pass {Spelling.Option("DeployKeyFile")}, store {Spelling.Variable("SshKnownHosts")}, run {Spelling.Run("CreateDeployKey", "Force")}.";

        Assert.Equal("Set --kms-key-id / KMS_KEY_ID, pass --deploy-key-file, store SSH_KNOWN_HOSTS, run ./build.sh CreateDeployKey --force.", Spelling.Render(text));
        Assert.Equal("no marks {here}", Spelling.Render("no marks {here}"));
    }

    [Fact]
    public void Build_exceptions_and_written_output_carry_no_marks()
    {
        var error = new BuildException($"{Spelling.Parameter("PushUrl")} is wrong", $"Run {Spelling.Run("Tag")}");
        Assert.Equal("--push-url / PUSH_URL is wrong", error.Message);
        Assert.Equal("Run ./build.sh Tag", error.Fix);

        var inner = new StringWriter();
        using (var writer = new MaskingTextWriter(inner, new SecretMasker()))
            writer.WriteLine($"see {Spelling.Option("TagPrefix")}");
        Assert.Equal("see --tag-prefix" + Environment.NewLine, inner.ToString());
    }
}
