using EndToEnd.Tests.Support;

// These tests drive sshd, POSIX signals and Unix file modes.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace EndToEnd.Tests;

// Each end-to-end test is a chain of build processes, git and ssh calls: one chain keeps about one of the 2 cores
// busy, so the collections below (each one chain, tests in order) run side by side, at most as many tests at once as
// xunit.runner.json's maxParallelThreads. A collection starts its peers (sshd, KMS/STS, GitLab's HTTP side) once for
// all its classes. Rows that send signals or time how long the build takes to stop are in SignalCollection, which
// xunit runs alone after all the others have finished.

/// <summary>Signal and stop-time rows: alone, so no other test's load shifts what they time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SignalCollection : ICollectionFixture<ReleaseFixture>
{
    public const string Name = "end-to-end: signals (alone)";
}

/// <summary>Release jobs against the peers: deploy-key and job-token pushes, Releases, Preflight.</summary>
[CollectionDefinition(Name)]
public sealed class ReleaseCollection : ICollectionFixture<ReleaseFixture>
{
    public const string Name = "end-to-end: release";
}

/// <summary>Repositories with a history (version continuity, an adopting repository) and the onboarding files, against the peers.</summary>
[CollectionDefinition(Name)]
public sealed class RepositoryCollection : ICollectionFixture<ReleaseFixture>
{
    public const string Name = "end-to-end: repositories";
}

/// <summary>The deploy-key targets against KMS/STS (emulated, and moto).</summary>
[CollectionDefinition(Name)]
public sealed class DeployKeyCollection : ICollectionFixture<DeployKeyFixture>, ICollectionFixture<MotoFixture>
{
    public const string Name = "end-to-end: deploy key";
}

/// <summary>Builds of other projects (build.sh's bootstrap, Nuke-shaped templates, a sharded pipeline) and the generated CI file; no peers.</summary>
[CollectionDefinition(Name)]
public sealed class BuildCollection
{
    public const string Name = "end-to-end: builds";
}
