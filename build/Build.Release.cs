using GitLabRelease.Components;
using Nuke.Common;

// The release: decrypt the deploy key (KMS via GitLab OIDC), tag the tested commit, push the tag to GitLab, publish the
// packages to the project's NuGet registry, create the GitLab Release with a link to each.
// IDeployKey and IGitLabRelease declare several targets each, so Inherit names the one it reuses.
partial class Build
{
    Target IDeployKey.DecryptDeployKey => _ => _
        .Inherit<IDeployKey>(x => x.DecryptDeployKey);

    Target IGitLabRelease.Tag => _ => _
        .Inherit<IGitLabRelease>(x => x.Tag);

    Target IGitLabRelease.Push => _ => _
        .Inherit<IGitLabRelease>(x => x.Push);

    Target IPublish.Publish => _ => _
        .Inherit<IPublish>(x => x.Publish);
}
