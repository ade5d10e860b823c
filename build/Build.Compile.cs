using Nuke.Common;
using Nuke.Common.CI.GitLab;
using Nuke.Common.Tooling;
using Nuke.Common.Tools.DotNet;
using Nuke.Components;

// Compile and test: the components' definitions unchanged; add settings hooks or steps here.
partial class Build
{
    Target ICompile.Compile => _ => _
        .Inherit<ICompile>();

    Target ITest.Test => _ => _
        .Inherit<ITest>();

    // The messages of the packages built here link to the docs of the commit they are built from (Spelling.Docs):
    // an adopter has no checkout of this repository, so docs/... would name nothing for them.
    string? DocsUrl => GitLab.Instance is { ProjectUrl: { Length: > 0 } project, CommitSha: { Length: > 0 } commit }
        ? $"{project.TrimEnd('/')}/-/blob/{commit}/docs/"
        : null;

    Configure<DotNetBuildSettings> ICompile.CompileSettings => _ => _.When(DocsUrl is not null, s => s.SetProperty("DocsUrl", DocsUrl));

    // A test that hangs fails after ten minutes, named in the output, with its test host and the peers it started
    // ended; without this a hung test held CI until its 90-minute limit and printed nothing of that project. A test
    // project that outlives 20 minutes all told (a hang outside any test) is stopped, and what it printed is shown.
    // No dump: this repository's CI keeps no artifacts, and the test name is what leads to the cause.
    Configure<DotNetTestSettings> ITest.TestSettings => _ => _
        .SetBlameHangTimeout("10m").SetBlameHangDumpType("none")
        .SetProcessExecutionTimeout((int)TimeSpan.FromMinutes(20).TotalMilliseconds);

    Configure<DotNetPackSettings> IPack.PackSettings => _ => _.When(DocsUrl is not null, s => s.SetProperty("DocsUrl", DocsUrl));
}
