using Nuke.Common;
using Nuke.Common.Tooling;
using GitLabRelease.Ssh;

namespace Release.Tests.Ssh;

public sealed class PinnedKnownHostsTests
{
    private const string Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    private static readonly SshEndpoint Endpoint = new("git", "gitlab.example.com", 2222, "g/p.git");
    private static readonly ToolRunner Runner = new(Serilog.Core.Logger.None);

    [Fact]
    public async Task Content_is_written_to_a_private_temporary_file_outside_the_work_tree_and_deleted_on_dispose()
    {
        string path;
        using (var pinned = await PinnedKnownHosts.ResolveAsync($"# comment\r\n[gitlab.example.com]:2222 {Key}\r\n", Endpoint, Runner))
        {
            path = pinned.Path;
            Assert.True(File.Exists(path));
            // In the run's private directory: tmpfs first, named so that a later run sweeps it if this one is killed.
            Assert.StartsWith("/dev/shm/nuke-run-", path, StringComparison.Ordinal);
            Assert.DoesNotContain(Directory.GetCurrentDirectory(), path, StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.DoesNotContain("\r", File.ReadAllText(path), StringComparison.Ordinal);
        }
        Assert.False(File.Exists(path));
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Fact]
    public async Task A_file_path_is_used_in_place_and_kept()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, $"[gitlab.example.com]:2222 {Key}\n");
        try
        {
            using (var pinned = await PinnedKnownHosts.ResolveAsync(file, Endpoint, Runner))
                Assert.Equal(file, pinned.Path);
            Assert.True(File.Exists(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Hashed_entries_are_understood()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, $"[gitlab.example.com]:2222 {Key}\n");
        try
        {
            Fixtures.Ssh.FixtureProcess.Run("ssh-keygen", ["-H", "-f", file]);
            using var pinned = await PinnedKnownHosts.ResolveAsync(await File.ReadAllTextAsync(file), Endpoint, Runner);
            Assert.StartsWith("|1|", (await File.ReadAllTextAsync(pinned.Path)).TrimStart(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
            File.Delete(file + ".old");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("gitlab.example.com " + Key)] // port 22 entry, but the push goes to port 2222
    [InlineData("[other.example.com]:2222 " + Key)]
    [InlineData("not a known_hosts line")]
    public async Task Without_a_pinned_key_for_the_host_it_fails_closed_with_the_keyscan_line(string? value)
    {
        var error = await Assert.ThrowsAsync<BuildException>(() => PinnedKnownHosts.ResolveAsync(value, Endpoint, Runner));

        Assert.Contains("[gitlab.example.com]:2222", error.Message);
        Assert.Contains("ssh-keyscan -p 2222 gitlab.example.com", error.Fix);
        Assert.Contains("SSH_KNOWN_HOSTS", error.Fix);
    }

    [Fact]
    public async Task A_missing_file_is_named()
    {
        var error = await Assert.ThrowsAsync<BuildException>(() => PinnedKnownHosts.ResolveAsync("/nonexistent/known_hosts", Endpoint, Runner));
        Assert.Contains("/nonexistent/known_hosts", error.Message);
    }
}
