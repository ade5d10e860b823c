namespace Nuke.Common.Hosts;

/// <summary>
/// Where the build runs (a terminal, a CI service). A library declares its hosts with
/// <c>[assembly: BuildHost&lt;MyHost&gt;]</c>; the engine picks the first declared host whose <see cref="IsRunning"/>
/// is true (else the terminal), or the one named by <c>--host</c>.
/// </summary>
public abstract class Host
{
    public abstract string Name { get; }

    /// <summary>True when this host is the current environment (e.g. GITLAB_CI=true).</summary>
    public abstract bool IsRunning(Func<string, string?> environment);

    public virtual bool IsServerBuild => true;

    /// <summary>The branch the CI service is building, for a detached HEAD (GitRepository.Branch); null when it names none.</summary>
    public virtual string? GetBranch(Func<string, string?> environment) => null;

    /// <summary>The commit, ref, project and pipeline the CI service names; <see cref="PipelineInfo.None"/> where there is none.</summary>
    public virtual PipelineInfo GetPipeline(Func<string, string?> environment) => PipelineInfo.None;

    /// <summary>Variables this host fills with secrets (a job token): masked from the start and withheld from child processes.</summary>
    public virtual IReadOnlyList<string> SecretVariables => [];

    /// <summary>Of <see cref="SecretVariables"/>, those a package restore may need to authenticate to the host's package feed.</summary>
    public virtual IReadOnlyList<string> PackageFeedVariables => [];
    /// <summary>
    /// The share of the work this job does when the CI service runs it as parallel copies (GitLab's <c>parallel:</c>);
    /// <see cref="Partition.Single"/> when it does not.
    /// </summary>
    public virtual Partition GetPartition(Func<string, string?> environment) => Partition.Single;

    /// <summary>Text written before a target's output (e.g. a collapsible section marker); null for none.</summary>
    public virtual string? BeginSection(string id, string title) => null;

    /// <summary>Text written after a target's output; null for none.</summary>
    public virtual string? EndSection(string id) => null;

    /// <summary>
    /// The name of the variable in which this host sets what its property <paramref name="property"/> holds
    /// (Nuke's host property names: GitLab's <c>ProjectPath</c> is <c>CI_PROJECT_PATH</c>); null when it sets none.
    /// Messages that name such a fact through <see cref="Spelling.CiVariable"/> are spelled with it.
    /// </summary>
    public virtual string? VariableName(string property) => null;

    /// <summary>A variable of the running build's environment (the process's, or the one a test injected).</summary>
    protected static string? Variable(string name) => BuildContext.Current.Environment.GetValueOrDefault(name);

    /// <summary>The running build's host when it is a <typeparamref name="T"/> (for Nuke's <c>GitLab.Instance</c> and the like).</summary>
    protected static T? Current<T>() where T : Host => BuildContext.Current.Host as T;
}
