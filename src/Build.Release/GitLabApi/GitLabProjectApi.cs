namespace GitLabRelease.GitLabApi;

/// <summary>
/// A project's REST API as a CI job reaches it: the v4 base URL (CI_API_V4_URL), the project id (CI_PROJECT_ID) and
/// the job token (CI_JOB_TOKEN), sent in the JOB-TOKEN header only.
/// </summary>
public sealed record GitLabProjectApi(Uri ApiUrl, string ProjectId, string JobToken)
{
    public Uri ProjectUrl(string relative) =>
        new($"{ApiUrl.AbsoluteUri.TrimEnd('/')}/projects/{Uri.EscapeDataString(ProjectId)}/{relative}");

    // The token must never show up in logs or exceptions.
    public override string ToString() => $"GitLabProjectApi {{ ApiUrl = {ApiUrl}, ProjectId = {ProjectId} }}";
}
