using Engine.Tests.Support;
using Nuke.Common.Hosts;

namespace Engine.Tests;

public class HostDiscoveryTests
{
    [Fact]
    public void Hosts_declared_by_the_build_assembly_are_found()
    {
        // This test assembly plays the build assembly: it declares FakeCiHost.
        var hosts = HostDiscovery.Discover(typeof(FakeCiHost).Assembly);

        Assert.Contains(hosts, h => h is FakeCiHost);
        Assert.Contains(hosts, h => h is Terminal);
        Assert.IsType<FakeCiHost>(HostDiscovery.Detect(typeof(FakeCiHost).Assembly, name => name == "FAKE_CI" ? "true" : null, requested: null));
        Assert.IsType<Terminal>(HostDiscovery.Detect(typeof(FakeCiHost).Assembly, _ => null, requested: null));
    }

    [Fact]
    public void Without_a_build_assembly_only_the_terminal_is_known()
    {
        Assert.IsType<Terminal>(Assert.Single(HostDiscovery.Discover(buildAssembly: null)));
    }

    [Fact]
    public void An_unknown_requested_host_names_the_declared_ones()
    {
        var error = Assert.Throws<BuildException>(() => HostDiscovery.Detect(typeof(FakeCiHost).Assembly, _ => null, requested: "Nope"));

        Assert.Contains("Terminal, FakeCi", error.Fix);
    }
}
