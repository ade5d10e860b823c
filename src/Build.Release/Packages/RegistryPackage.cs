using GitLabRelease.GitLabApi;

namespace GitLabRelease.Packages;

/// <summary>A package as GitLab's package registry lists it: its id there and the page that shows it.</summary>
public sealed record RegistryPackage(long Id, string Name, string Version, Uri WebUrl);

/// <summary>One package of a Publish: found already in the registry (a rerun) or uploaded now.</summary>
public sealed record PublishedPackage(NuGetPackageFile File, RegistryPackage Registry, bool Uploaded)
{
    /// <summary>The Release's asset link to the package's page in the registry.</summary>
    public ReleaseLink ReleaseLink => new($"{File.Id} {File.Version}", Registry.WebUrl.AbsoluteUri, "package");
}
