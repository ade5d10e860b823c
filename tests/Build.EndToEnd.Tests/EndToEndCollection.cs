// These tests drive sshd, POSIX signals and Unix file modes.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace EndToEnd.Tests;

/// <summary>End-to-end builds run one at a time: each is a whole build process, and 2 cores are shared with the other test projects.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    public const string Name = "end-to-end";
}
