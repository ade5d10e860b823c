using GitLabRelease.GitLabApi;
using Nuke.Common;

namespace GitLabRelease.Packages;

/// <summary>What a refusal of GitLab's package registry means, and the fix, the same for the look-up and the upload.</summary>
public static class PublishErrors
{
    public const string RegistrySetting = "Settings > General > Visibility, project features, permissions > Package registry";

    public static BuildException For(int status, string message, string action) => status switch
    {
        401 => new BuildException($"GitLab refused the job token while trying to {action} (401 {message}).",
            $"The job token is valid only while its job runs: publish from the pipeline's release job, and do not override {CiVariables.JobToken}."),
        403 => new BuildException($"GitLab did not allow the job to {action} (403 {message}).",
            $"Turn the project's package registry on ({RegistrySetting}); packages are published with the rights of the user "
            + "who started the pipeline, who needs at least the Developer role."),
        404 => new BuildException($"GitLab did not find the project while trying to {action} (404 {message}).",
            $"Check that {CiVariables.ProjectId} and {CiVariables.ApiUrl} belong to this project and that the package registry is on ({RegistrySetting})."),
        _ when ApiRetry.IsTransient((System.Net.HttpStatusCode)status) => new BuildException(
            $"GitLab kept failing while trying to {action} ({status} {message}), also after retries.",
            "GitLab is unavailable or rate limiting: run the job again later (a rerun uploads only what is missing)."),
        _ => new BuildException($"GitLab refused to {action} ({status} {message}).",
            "Check the package in artifacts/packages and GitLab's message above (e.g. \"Duplicate package is not allowed\" when the "
            + "group forbids duplicates)."),
    };
}
