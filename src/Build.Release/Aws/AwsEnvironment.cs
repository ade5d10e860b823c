namespace GitLabRelease.Aws;

/// <summary>
/// The environment the AWS integration reads and writes. The build passes the real process environment;
/// tests pass a dictionary, so each test has its own environment without touching the test process's.
/// </summary>
public sealed record AwsEnvironment(Func<string, string?> Get, Action<string, string?> Set)
{
    public static AwsEnvironment Process() => new(
        name => Environment.GetEnvironmentVariable(name),
        (name, value) => Environment.SetEnvironmentVariable(name, value));

    public static AwsEnvironment From(IDictionary<string, string?> variables) => new(
        name => variables.TryGetValue(name, out var value) ? value : null,
        (name, value) => variables[name] = value);

    public string? this[string name] => Get(name) is { Length: > 0 } value ? value : null;

    /// <summary>GitLab sets GITLAB_CI; most other CI systems set CI.</summary>
    public bool IsServerBuild => this["GITLAB_CI"] == "true" || string.Equals(this["CI"], "true", StringComparison.OrdinalIgnoreCase);
}
