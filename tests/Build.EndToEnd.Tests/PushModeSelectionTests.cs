using GitLabRelease.Components;

namespace EndToEnd.Tests;

/// <summary>PushWith=auto: the deploy key when the repository has it, else the job token in a GitLab pipeline (pure, no process).</summary>
public sealed class PushModeSelectionTests
{
    [Theory]
    [InlineData(PushMode.Auto, true, true, PushMode.DeployKey)]
    [InlineData(PushMode.Auto, true, false, PushMode.DeployKey)]
    [InlineData(PushMode.Auto, false, true, PushMode.JobToken)]
    [InlineData(PushMode.Auto, false, false, PushMode.DeployKey)] // a laptop without a key: Push skips with "no release setup"
    [InlineData(PushMode.DeployKey, false, true, PushMode.DeployKey)]
    [InlineData(PushMode.JobToken, true, true, PushMode.JobToken)]
    [InlineData(PushMode.JobToken, true, false, PushMode.JobToken)]
    public void Auto_picks_the_deploy_key_when_it_exists_else_the_job_token_in_a_pipeline(PushMode requested, bool keyFile, bool pipeline, PushMode expected)
    {
        var selection = PushModeSelection.Resolve(requested, keyFile, pipeline);

        Assert.Equal(expected, selection.Mode);
        Assert.Contains("PushWith=", selection.Reason);
    }

    [Theory]
    [InlineData(PushMode.Auto, true, true)]
    [InlineData(PushMode.Auto, false, false)]
    [InlineData(PushMode.DeployKey, false, true)]
    [InlineData(PushMode.JobToken, true, false)]
    public void The_deploy_key_is_possible_only_in_deploy_key_mode_or_auto_with_the_key(PushMode requested, bool keyFile, bool expected) =>
        Assert.Equal(expected, PushModeSelection.DeployKeyPossible(requested, keyFile));

    /// <summary>The generator decides id_tokens from files with its own rule; both must agree on every combination.</summary>
    [Theory]
    [InlineData(null, true)]
    [InlineData(null, false)]
    [InlineData("auto", true)]
    [InlineData("deploy-key", false)]
    [InlineData("job-token", true)]
    public void The_generator_asks_for_the_ID_token_exactly_when_the_component_may_use_the_deploy_key(string? pushWith, bool keyFile)
    {
        var root = Directory.CreateTempSubdirectory("push-mode-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, ".nuke"));
            File.WriteAllText(Path.Combine(root, ".nuke", "parameters.json"), pushWith is null ? "{}" : $"{{ \"PushWith\": \"{pushWith}\" }}");
            if (keyFile) File.WriteAllText(Path.Combine(root, ".nuke", "deploy-key.enc"), "AQID\n");
            var model = new Nuke.Common.CI.BuildModel(root, [], [new("PushWith", "push-with", null, false, typeof(PushMode))]);
            var requested = pushWith switch { "deploy-key" => PushMode.DeployKey, "job-token" => PushMode.JobToken, _ => PushMode.Auto };

            Assert.Equal(PushModeSelection.DeployKeyPossible(requested, keyFile), Nuke.Common.CI.GitLab.ReleaseIdTokenRule.DeployKeyPossible(model));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
