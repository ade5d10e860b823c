namespace EndToEnd.Tests.Support;

/// <summary>Where a release job's secrets must never be, for the test classes that run release jobs.</summary>
public static class ReleaseSecrets
{
    /// <summary>The write key's private body lines and the ID token: what no file may hold during or after a run.</summary>
    public static IEnumerable<string> KeyLines(this ReleaseFixture fixture) =>
        SecretChecks.BodyLines(fixture.WriteKey.PrivateKeyText).Append(fixture.IdToken);

    /// <summary>
    /// The job token in no output, build log, leftover secret directory or (with <paramref name="release"/>) file of the work
    /// tree; no line of either deploy key and not the ID token in the output or the log.
    /// </summary>
    public static void AssertNoSecretIn(this ReleaseFixture fixture, BuildResult result, ReleaseRepo? release = null)
    {
        SecretChecks.AssertNotIn(result, [fixture.JobToken]);
        Assert.Empty(SecretChecks.LeftoverFilesContaining([fixture.JobToken]));
        if (release is not null)
            Assert.DoesNotContain(Directory.EnumerateFiles(release.Repo.Path, "*", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}objects", StringComparison.Ordinal)),
                f => File.ReadAllText(f).Contains(fixture.JobToken, StringComparison.Ordinal));
        foreach (var key in new[] { fixture.WriteKey, fixture.ReadOnlyKey })
            foreach (var line in key.PrivateKeyText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (!line.StartsWith("-----", StringComparison.Ordinal))
                    Assert.DoesNotContain(line, result.AllText);
        Assert.DoesNotContain(fixture.IdToken, result.AllText);
    }
}
