namespace GitLabRelease.Aws;

/// <summary>
/// The environment the AWS integration reads; it never writes one. The build passes its own view of the environment;
/// tests pass a dictionary, so each test has its own environment without touching the test process's.
/// </summary>
public sealed record AwsEnvironment(Func<string, string?> Get)
{
    public static AwsEnvironment Process() => new(name => Environment.GetEnvironmentVariable(name));

    public static AwsEnvironment From(IDictionary<string, string?> variables) =>
        new(name => variables.TryGetValue(name, out var value) ? value : null);

    public string? this[string name] => Get(name) is { Length: > 0 } value ? value : null;
}
