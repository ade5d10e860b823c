namespace GitLabRelease.Packages;

/// <summary>
/// A NuGet feed that dotnet nuget push reaches with a user name and password (for GitLab's project registry: user
/// gitlab-ci-token, the job token as password). The password goes only into a private temporary NuGet config.
/// </summary>
public sealed record NuGetFeed(Uri ServiceIndex, string UserName, string Password)
{
    /// <summary>GitLab's NuGet registry of a project: <c>{api}/projects/{id}/packages/nuget/index.json</c>.</summary>
    public static NuGetFeed GitLabProject(Uri apiV4Url, string projectId, string jobToken) =>
        new(new Uri($"{apiV4Url.AbsoluteUri.TrimEnd('/')}/projects/{Uri.EscapeDataString(projectId)}/packages/nuget/index.json"), "gitlab-ci-token", jobToken);

    /// <summary>Plain HTTP would carry the password in clear text: allowed only to this machine (tests, a local proxy).</summary>
    public bool IsLoopbackHttp => ServiceIndex.Scheme == Uri.UriSchemeHttp && ServiceIndex.IsLoopback;

    // A record prints every property: the password must not be one of them.
    public override string ToString() => $"NuGetFeed {{ ServiceIndex = {ServiceIndex}, UserName = {UserName} }}";
}
