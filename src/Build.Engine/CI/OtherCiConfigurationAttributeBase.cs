namespace Nuke.Common.CI;

/// <summary>
/// Base of the attributes of CI systems other than GitLab ([GitHubActions], [AzurePipelines], [AppVeyor], [TeamCity]).
/// They are accepted so a migrated build compiles unchanged, generate nothing, and the build warns once that it
/// generates .gitlab-ci.yml through [GitLabCI]. Their properties are kept as Nuke's, and read by nothing.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public abstract class OtherCiConfigurationAttributeBase : Attribute
{
    /// <summary>The attribute's name as written on the build class, e.g. GitHubActions.</summary>
    public abstract string SystemName { get; }

    public string[] InvokedTargets { get; set; } = [];
    public string[] ImportSecrets { get; set; } = [];
    public bool AutoGenerate { get; set; } = true;
}

/// <summary>Base of the other CI systems' hosts: detected from their own variables, so <c>Host is GitHubActions</c> works.</summary>
public abstract class OtherCiHost : Hosts.Host
{
    public override bool IsServerBuild => true;

    /// <summary>A variable of the build's environment (the process's, or the one a test injected).</summary>
    protected static string? Variable(string name) => BuildContext.Current.Environment.GetValueOrDefault(name);

    protected static T? Current<T>() where T : Hosts.Host => BuildContext.Current.Host as T;
}
