using System.Text.Json.Nodes;
using Nuke.Common;
using GitLabRelease.Aws;
using GitLabRelease.DeployKeys;

namespace Release.Tests.DeployKeys;

public sealed class SmallPartsTests
{
    [Theory]
    [InlineData("group/project", "42", "gitlab-group-project-42")]
    [InlineData("my group/sub.group/Ünïcode project", "987654", "gitlab-my-group-sub.group--n-code-project-987654")]
    [InlineData(null, null, "gitlab-build-local")]
    public void Session_names_are_valid_and_readable(string? project, string? pipeline, string expected)
    {
        var name = SessionName.From(project, pipeline);
        Assert.Equal(expected, name);
        Assert.True(SessionName.IsValid(name));
    }

    [Fact]
    public void Long_project_paths_keep_the_pipeline_id_within_64_characters()
    {
        var name = SessionName.From(string.Join('/', Enumerable.Repeat("very-long-group-name", 8)), "1234567890");
        Assert.True(SessionName.IsValid(name), name);
        Assert.True(name.Length <= 64);
        Assert.EndsWith("-1234567890", name);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    [InlineData("")]
    public void Invalid_session_names_are_recognised(string name) => Assert.False(SessionName.IsValid(name));

    [Fact]
    public void Encryption_context_parses_pairs_and_formats_them_sorted()
    {
        var context = EncryptionContext.Parse(" purpose=gitlab-deploy-key , project=group/sub/project ");
        Assert.Equal("gitlab-deploy-key", context["purpose"]);
        Assert.Equal("group/sub/project", context["project"]);
        Assert.Equal("project=group/sub/project,purpose=gitlab-deploy-key", EncryptionContext.Format(context));
        Assert.Equal("purpose=gitlab-deploy-key,project=a/b", EncryptionContext.Default("a/b"));
    }

    [Theory]
    [InlineData("purpose")]
    [InlineData("a=1,a=2")]
    [InlineData(" , ")]
    public void Malformed_encryption_context_says_how_to_write_it(string text)
    {
        var e = Assert.Throws<BuildException>(() => EncryptionContext.Parse(text));
        Assert.Contains("DEPLOY_KEY_CONTEXT", e.Fix);
    }

    [Fact]
    public void Parameters_merge_keeps_other_entries_and_removes_nulls()
    {
        var file = Path.Combine(Path.GetTempPath(), $"parameters-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(file, """
                {
                  // comments are allowed in parameters.json
                  "TagPrefix": "v",
                  "Obsolete": "x",
                  "Nested": { "a": 1 }
                }
                """);
            ParametersFile.Merge(file, new Dictionary<string, string?> { ["KmsKeyId"] = "arn:k", ["Obsolete"] = null });
            var json = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            Assert.Equal("v", (string?)json["TagPrefix"]);
            Assert.Equal(1, (int?)json["Nested"]!["a"]);
            Assert.Equal("arn:k", (string?)json["KmsKeyId"]);
            Assert.False(json.ContainsKey("Obsolete"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Parameters_merge_refuses_broken_json_with_a_fix()
    {
        var file = Path.Combine(Path.GetTempPath(), $"parameters-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, "[1, 2");
        try
        {
            var e = Assert.Throws<BuildException>(() => ParametersFile.Merge(file, new Dictionary<string, string?> { ["KmsKeyId"] = "k" }));
            Assert.Contains(file, e.Fix);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Secret_directory_refuses_locations_inside_the_work_tree()
    {
        var repo = Path.Combine(Path.GetTempPath(), $"repo-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(repo, "tmp"));
        try
        {
            var e = Assert.Throws<BuildException>(() => SecretDirectory.Create("deploy-key", repo, [Path.Combine(repo, "tmp"), repo]));
            Assert.Contains("outside the work tree", e.Message);
            Assert.Contains("TMPDIR", e.Fix);
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(repo, "tmp")));
        }
        finally
        {
            Directory.Delete(repo, recursive: true);
        }
    }

    [Fact]
    public void Secret_directory_prefers_tmpfs_then_runtime_dir_then_temp()
    {
        var candidates = SecretDirectory.DefaultCandidates(name => name == "XDG_RUNTIME_DIR" ? "/run/user/1000" : null);
        Assert.Equal(["/dev/shm", "/run/user/1000", Path.TrimEndingDirectorySeparator(Path.GetTempPath())], candidates.Take(3));
    }

    [Fact]
    public void Secret_directory_check_resolves_symbolic_links_into_the_work_tree()
    {
        var repo = Path.Combine(Path.GetTempPath(), $"repo-{Guid.NewGuid():N}");
        var link = Path.Combine(Path.GetTempPath(), $"looks-outside-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(repo, "inside"));
        Directory.CreateSymbolicLink(link, Path.Combine(repo, "inside"));
        try
        {
            Assert.False(link.StartsWith(repo, StringComparison.Ordinal));
            var e = Assert.Throws<BuildException>(() => SecretDirectory.Create("deploy-key", repo, [link]));
            Assert.Contains("outside the work tree", e.Message);
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(repo, "inside")));
        }
        finally
        {
            Directory.Delete(link);
            Directory.Delete(repo, recursive: true);
        }
    }

    [Fact]
    public void A_ciphertext_larger_than_KMS_accepts_is_refused_before_any_call()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ct-{Guid.NewGuid():N}");
        try
        {
            using (var stream = File.Create(file)) stream.SetLength(30 * 1024 * 1024);
            var e = Assert.Throws<BuildException>(() => CiphertextFile.Read(file));
            Assert.Contains("more than a KMS ciphertext can be (6144 bytes)", e.Message);
            Assert.Contains("DEPLOY_KEY_FILE", e.Fix);
            File.WriteAllText(file, Convert.ToBase64String(new byte[CiphertextFile.MaximumCiphertextBytes + 1]));
            Assert.Throws<BuildException>(() => CiphertextFile.Read(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Ciphertext_file_reads_base64_text_and_raw_blobs_alike()
    {
        var blob = new byte[] { 1, 2, 0xFE, 0x80, 3, 0, 7 };
        var file = Path.Combine(Path.GetTempPath(), $"ct-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllBytes(file, blob);
            Assert.Equal(blob, CiphertextFile.Read(file));
            File.WriteAllText(file, Convert.ToBase64String(blob) + "\r\n");
            Assert.Equal(blob, CiphertextFile.Read(file));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
