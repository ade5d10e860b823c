namespace Fixtures;

/// <summary>
/// A test whose tool (moto, gitlab-ci-local, boto3) is missing: Skipped with the reason on a developer's machine,
/// failed under CI=true, where .ci/run installs every tool and a skip would hide a gap in the pipeline.
/// Use it from a [SkippableFact] / [SkippableTheory] (Xunit.SkippableFact).
/// </summary>
public static class MissingTool
{
    /// <summary>Use as <c>throw MissingTool.Skip(reason)</c>; under CI=true it fails the test itself.</summary>
    public static SkipException Skip(string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail($"{reason} (CI=true: .ci/run installs every tool the tests need, so a missing one fails)");
        return new SkipException(reason);
    }
}
