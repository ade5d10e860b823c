using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Engine.Tests.Support;
using Nuke.Common.IO;
using Nuke.Common.Output;
using Nuke.Common.Tooling;

namespace Engine.Tests;

/// <summary>The core's part of "no secret escapes": masking that holds, secret-shaped parameters, child environments, leftovers.</summary>
public sealed class HardeningTests : IDisposable
{
    // Shaped like a GitLab ID token (header.payload.signature, base64url); made up, signs nothing.
    private const string Jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2dpdGxhYi5leGFtcGxlLmNvbSIsInN1YiI6InByb2plY3RfcGF0aDpnL3AifQ.c2lnbmF0dXJlLW5vdC1yZWFsLWJ1dC1sb25nLWVub3VnaA";
    private const string Secret = "Zq8-t0ken+with/slashes=&\"quotes\"-4711";
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void Encoded_forms_of_a_secret_are_masked_too()
    {
        var masker = new SecretMasker();
        masker.Add(Secret);
        var bytes = Encoding.UTF8.GetBytes(Secret);
        foreach (var prefix in new[] { "", "a", "ab", "abc" })
        {
            var blob = Convert.ToBase64String(Encoding.UTF8.GetBytes(prefix).Concat(bytes).Concat("tail"u8.ToArray()).ToArray());
            Assert.DoesNotContain(MiddleOf(blob, prefix.Length), masker.Mask("Authorization: Basic " + blob));
        }
        foreach (var form in new[]
                 {
                     Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
                     Uri.EscapeDataString(Secret),
                     JsonSerializer.Serialize(Secret).Trim('"'),
                     Secret.Replace("\"", "\\\""),
                 })
        {
            var masked = masker.Mask($"before {form} after");
            Assert.DoesNotContain(form, masked);
            Assert.Contains(SecretMasker.Redacted, masked);
        }
    }

    // The characters of the base64 text that encode only the secret's own bytes.
    private static string MiddleOf(string blob, int prefixBytes) => blob.Substring((prefixBytes + 2) / 3 * 4 + 4, 16);

    [Fact]
    public void A_secret_split_across_writes_and_wrapped_over_lines_is_masked()
    {
        var masker = new SecretMasker();
        masker.Add(Jwt);
        var inner = new StringWriter();
        var writer = new MaskingTextWriter(inner, masker);
        writer.WriteLine("token: " + Jwt[..40]);
        writer.WriteLine("    " + Jwt[40..100]);
        writer.Write(Jwt[100..]);
        writer.WriteLine(" end");
        writer.WriteLine("ordinary line");
        writer.Flush();

        var text = inner.ToString();
        foreach (var piece in new[] { Jwt[..40], Jwt[40..100], Jwt[100..] })
            Assert.DoesNotContain(piece, text);
        Assert.Contains($"token: {SecretMasker.Redacted} end", text);
        Assert.Contains("ordinary line", text);
    }

    [Fact]
    public void Text_that_cannot_start_a_secret_is_written_at_once()
    {
        var masker = new SecretMasker();
        masker.Add(Secret);
        var inner = new StringWriter();
        var writer = new MaskingTextWriter(inner, masker);
        writer.Write("progress 10%");
        Assert.Equal("progress 10%", inner.ToString());
        writer.Write(" then Zq8");
        Assert.Equal("progress 10% then ", inner.ToString());
        writer.Write("-not-it");
        Assert.Equal("progress 10% then Zq8-not-it", inner.ToString());
    }

    public class EchoBuild : NukeBuild
    {
        [Parameter] public AbsolutePath? DeployKeyFile;

        Target Echo => _ => _.Executes(() =>
        {
            Log.Information("value {Value}", EnvironmentVariable("SOME_UNRELATED_NAME"));
            Log.Information("path {Path}", DeployKeyFile);
        });

        Target Child => _ => _.Executes(() => Tools.RunAsync(new ToolInvocation("sh",
            ["-c", "echo \"jwt=${HARDENING_TEST_JWT:-unset} registered=${HARDENING_TEST_REGISTERED:-unset} plain=${HARDENING_TEST_PLAIN:-unset} passed=${HARDENING_TEST_PASSED:-unset}\""])
        {
            PassSecrets = ["HARDENING_TEST_PASSED"],
        }, CancellationToken));

        Target Register => _ => _.DependentFor(Child).Executes(() =>
        {
            Secrets.Add(EnvironmentVariable("HARDENING_TEST_REGISTERED_VALUE"));
            Secrets.Add(EnvironmentVariable("HARDENING_TEST_REGISTERED_VALUE"));
        });
    }

    [Fact]
    public async Task A_token_in_any_variable_is_masked_before_anything_prints()
    {
        _harness.Environment["SOME_UNRELATED_NAME"] = Jwt;
        await _harness.RunAsync<EchoBuild>("Echo");
        Assert.DoesNotContain(Jwt, _harness.Output);
        Assert.DoesNotContain(Jwt[20..60], _harness.Output);
        Assert.Contains($"value {SecretMasker.Redacted}", _harness.Output);
        Assert.DoesNotContain(Jwt, (_harness.Root / ".nuke" / "temp" / "build.log").ReadAllText());
    }

    [Theory]
    [InlineData("key")]
    [InlineData("jwt")]
    [InlineData("lines")]
    public async Task A_path_parameter_refuses_a_key_a_token_or_several_lines_without_showing_it(string kind)
    {
        var body = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW";
        var value = kind switch
        {
            "key" => $"-----BEGIN OPENSSH PRIVATE KEY-----\n{body}\nQyNTUxOQAAACBsecretlinewhichmustnotbeshown\n-----END OPENSSH PRIVATE KEY-----\n",
            "jwt" => Jwt,
            _ => "first line of something\nsecond line of something",
        };
        _harness.Environment["DEPLOY_KEY_FILE"] = value;

        var result = await _harness.RunAsync<EchoBuild>("Echo");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Parameter DeployKeyFile is a file path, but environment variable DEPLOY_KEY_FILE holds", _harness.Output);
        Assert.Contains("(not shown)", _harness.Output);
        Assert.Contains("Set environment variable DEPLOY_KEY_FILE to the path of the file", _harness.Output);
        foreach (var line in value.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            Assert.DoesNotContain(line, _harness.Output);
        Assert.DoesNotContain("PRIVATE KEY", _harness.Output);
        Assert.DoesNotContain(Jwt[..30], _harness.Output);
    }

    [Fact]
    public async Task Children_get_no_registered_secret_and_no_token_shaped_value_unless_they_need_it()
    {
        var variables = new Dictionary<string, string>
        {
            ["HARDENING_TEST_JWT"] = Jwt,
            ["HARDENING_TEST_REGISTERED"] = "prefix-" + Secret,
            ["HARDENING_TEST_PLAIN"] = "visible",
            ["HARDENING_TEST_PASSED"] = Jwt,
        };
        foreach (var (name, value) in variables) Environment.SetEnvironmentVariable(name, value);
        _harness.Environment["HARDENING_TEST_REGISTERED_VALUE"] = Secret;
        // In a real run the build's environment is the process's: the passed token is masked from the start.
        _harness.Environment["HARDENING_TEST_PASSED"] = Jwt;
        try
        {
            await _harness.RunAsync<EchoBuild>("Child");
        }
        finally
        {
            foreach (var name in variables.Keys) Environment.SetEnvironmentVariable(name, null);
        }

        Assert.True(_harness.Output.Contains($"jwt=unset registered=unset plain=visible passed={SecretMasker.Redacted}", StringComparison.Ordinal), _harness.Output);
    }

    [Fact]
    public void Real_path_resolves_symbolic_links_for_the_inside_check()
    {
        var root = Path.Combine(Path.GetTempPath(), $"realpath-{Guid.NewGuid():N}");
        var tree = Path.Combine(root, "tree");
        Directory.CreateDirectory(Path.Combine(tree, "sub"));
        var link = Path.Combine(root, "elsewhere");
        Directory.CreateSymbolicLink(link, Path.Combine(tree, "sub"));
        try
        {
            Assert.Equal(Path.Combine(tree, "sub", "x"), RealPath.Resolve(Path.Combine(link, "x")));
            Assert.True(RealPath.IsInside(Path.Combine(link, "x"), tree));
            Assert.False(RealPath.IsInside(root, tree));
        }
        finally
        {
            Directory.Delete(link);
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void A_later_run_ends_the_children_of_a_killed_run_and_removes_its_directory_but_leaves_a_live_run_alone()
    {
        var parent = Path.Combine(Path.GetTempPath(), $"sweep-{Guid.NewGuid():N}");
        Directory.CreateDirectory(parent);
        using var orphan = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        try
        {
            using (RunScratch.Create([parent], null)) { } // leaves this user's private folder, nuke-run-<uid>
            var mine = Assert.Single(Directory.GetDirectories(parent));
            Assert.Equal($"nuke-run-{UserId}", Path.GetFileName(mine));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(mine));
            // A run whose process is gone (pid 0 never is a user process) left a directory and a child.
            var dead = Path.Combine(mine, "0-1-deadbeef");
            Directory.CreateDirectory(dead);
            File.WriteAllText(Path.Combine(dead, "children"), $"{orphan.Id} {StartTimeOf(orphan.Id)}\n");
            File.WriteAllText(Path.Combine(dead, "left-behind"), "secret");
            using var live = RunScratch.Create([parent], null);

            var removed = RunScratch.SweepLeftovers([parent]);

            Assert.Single(removed);
            Assert.Contains("1 process(es) ended", removed[0]);
            Assert.False(Directory.Exists(dead));
            Assert.True(Directory.Exists(live.Path));
            Assert.True(orphan.WaitForExit(5000));
        }
        finally
        {
            if (!orphan.HasExited) orphan.Kill();
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void A_per_user_folder_that_is_not_private_is_neither_used_nor_swept()
    {
        // The folder's name is predictable: another user on a shared runner could make it first, open to all.
        var planted = Path.Combine(Path.GetTempPath(), $"planted-{Guid.NewGuid():N}");
        var fallback = Path.Combine(Path.GetTempPath(), $"fallback-{Guid.NewGuid():N}");
        try
        {
            var theirs = Path.Combine(planted, $"nuke-run-{UserId}");
            var bait = Path.Combine(theirs, "0-1-deadbeef");
            Directory.CreateDirectory(bait);
            File.SetUnixFileMode(theirs, (UnixFileMode)0b111_111_111);
            Directory.CreateDirectory(fallback);

            using (var scratch = RunScratch.Create([planted, fallback], null))
                Assert.StartsWith(fallback + Path.DirectorySeparatorChar, scratch.Path, StringComparison.Ordinal);
            Assert.Empty(RunScratch.SweepLeftovers([planted]));
            Assert.True(Directory.Exists(bait));
        }
        finally
        {
            Directory.Delete(planted, recursive: true);
            Directory.Delete(fallback, recursive: true);
        }
    }

    private static string UserId => File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];

    private static string StartTimeOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19];
    }
}
