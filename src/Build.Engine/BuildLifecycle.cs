using System.Reflection;
using Nuke.Common.CI;
using Nuke.Common.Execution;
using Serilog;

namespace Nuke.Common;

/// <summary>What the executor tells about each target (the hook point for Nuke's OnTarget* methods).</summary>
internal interface ITargetLifecycle
{
    void Running(string target);
    void Skipped(string target);
    void Succeeded(string target);
    void Failed(string target, ILogger log);
}

/// <summary>Calls Nuke's lifecycle hooks: the build's virtual OnBuild*/OnTarget* methods and its build-extension attributes.</summary>
internal sealed class BuildLifecycle(NukeBuild build) : ITargetLifecycle
{
    public void Running(string target) => build.OnTargetRunning(target);

    public void Skipped(string target) => build.OnTargetSkipped(target);

    public void Succeeded(string target) => build.OnTargetSucceeded(target);

    public void Failed(string target, ILogger log)
    {
        build.IsFailing = true;
        // The target already failed; a failing hook must not hide why.
        try { build.OnTargetFailed(target); }
        catch (Exception e) { log.Error("OnTargetFailed({Target}) threw: {Message}", target, e.Message); }
    }

    public static void Created(NukeBuild build, Type buildType, ILogger log)
    {
        WarnAboutOtherCiSystems(buildType, log);
        build.OnBuildCreated();
        foreach (var extension in Extensions(buildType)) extension.OnBuildCreated(build);
    }

    public static void Initialized(NukeBuild build, Type buildType)
    {
        build.OnBuildInitialized();
        foreach (var extension in Extensions(buildType)) extension.OnBuildInitialized(build);
    }

    public static void Finished(NukeBuild build, Type buildType, bool succeeded, ILogger log)
    {
        if (!succeeded) build.IsFailing = true;
        try
        {
            build.OnBuildFinished();
            foreach (var extension in Extensions(buildType)) extension.OnBuildFinished(build, succeeded);
        }
        catch (Exception e)
        {
            log.Error("OnBuildFinished threw: {Message}", e.Message);
        }
    }

    private static IEnumerable<BuildExtensionAttributeBase> Extensions(Type buildType) =>
        buildType.GetCustomAttributes<BuildExtensionAttributeBase>(inherit: true);

    /// <summary>One warning for all of them: a build migrated from another CI system keeps its attributes compiling.</summary>
    private static void WarnAboutOtherCiSystems(Type buildType, ILogger log)
    {
        var names = buildType.GetCustomAttributes<OtherCiConfigurationAttributeBase>(inherit: true).Select(a => a.SystemName).Distinct().ToList();
        if (names.Count == 0) return;
        log.Warning("{Attributes} generate nothing here: this build generates .gitlab-ci.yml through [GitLabCI]. "
            + "Remove them once the pipeline runs on GitLab (" + Spelling.Docs("migrating-from-nuke", "Known differences") + ").", string.Join(", ", names.Select(n => $"[{n}]")));
    }
}
