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

    [Theory]
    [InlineData("\u27E6option:TagPrefix\u27E7\u27E6variable:PushUrl\u27E7", "--tag-prefixPUSH_URL")]
    [InlineData("open \u27E6option:TagPrefix", "open \u27E6option:TagPrefix")]
    [InlineData("\u27E6Option:TagPrefix\u27E7", "\u27E6Option:TagPrefix\u27E7")]
    [InlineData("\u27E6:TagPrefix\u27E7 and \u27E6option:TagPrefix\u27E7", "\u27E6:TagPrefix\u27E7 and --tag-prefix")]
    [InlineData("\u27E6 \u27E6option:TagPrefix\u27E7 \u27E7", "\u27E6 --tag-prefix \u27E7")]
    [InlineData("\u27E6nothing here\u27E7", "\u27E6nothing here\u27E7")]
    public void Only_well_formed_marks_are_rendered_and_everything_else_stays_as_written(string text, string expected) =>
        Assert.Equal(expected, Spelling.Render(text));

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

    [Fact]
    public void A_CI_variable_no_declared_host_sets_keeps_its_concept_name()
    {
        // The engine's own tests declare no CI host: the fact stays named by its property, and no mark is left.
        Assert.Equal("check ProjectPath", Spelling.Render($"check {Spelling.CiVariable("ProjectPath")}"));
    }

    [Fact]
    public void A_docs_link_goes_to_the_heading_of_the_page_in_the_docs_of_the_running_version()
    {
        Assert.Equal("https://gitlab.example.com/g/p/-/blob/0123abc/docs/aws-setup.md#4-the-ci-role-and-its-trust-policy",
            Spelling.DocsLink("https://gitlab.example.com/g/p/-/blob/0123abc/docs/", "aws-setup", "4. The CI role and its trust policy"));
        Assert.Equal("docs/aws-setup.md#5-create-the-deploy-key-once-on-a-laptop",
            Spelling.DocsLink("docs/", "aws-setup", "5. Create the deploy key (once, on a laptop)"));
        // Built without DocsUrl (a checkout): the repository's docs/; built by this repository's pipeline: its URL.
        Assert.Matches("^(docs/|https://.+/docs/)$", Spelling.DocsBase);
        Assert.Equal($"see {Spelling.DocsBase}versioning.md#continuing-from-an-existing-version.",
            Spelling.Render($"see {Spelling.Docs("versioning", "Continuing from an existing version")}."));
    }
}
