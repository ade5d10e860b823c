using Engine.Tests.Support;
using Nuke.Common.Hosts;

namespace Engine.Tests;

public class HostDiscoveryTests
{
    [Fact]
    public void Hosts_declared_by_a_library_that_builds_on_the_engine_are_found_through_the_dependency_manifest()
    {
        // No build assembly given: FakeCiHost is found only because this test assembly, which declares it, is listed in
        // the deps.json as depending on the engine.
        var hosts = HostDiscovery.Discover(buildAssembly: null);

        Assert.Contains(hosts, h => h is FakeCiHost);
        Assert.Contains(hosts, h => h is Terminal);
        Assert.IsType<FakeCiHost>(HostDiscovery.Detect(null, name => name == "FAKE_CI" ? "true" : null, requested: null));
        Assert.IsType<Terminal>(HostDiscovery.Detect(null, _ => null, requested: null));
    }

    [Fact]
    public void An_unknown_requested_host_names_the_declared_ones()
    {
        var error = Assert.Throws<BuildException>(() => HostDiscovery.Detect(null, _ => null, requested: "Nope"));

        Assert.Contains("Terminal, FakeCi", error.Fix);
    }
}
