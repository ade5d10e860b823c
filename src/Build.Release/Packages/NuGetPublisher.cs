using System.Security;
using System.Text.RegularExpressions;
using GitLabRelease.GitLabApi;
using Nuke.Common;
using Nuke.Common.Tooling;
using Polly;
using Polly.Retry;
using Serilog;

namespace GitLabRelease.Packages;

/// <summary>
/// Pushes .nupkg files to a NuGet feed with <c>dotnet nuget push</c>, uploading only what the registry does not hold
/// at that version yet (GitLab accepts duplicates by default, so a rerun would otherwise add the files again). The
/// feed's password reaches dotnet only through a temporary NuGet config (0600, in the run's private directory,
/// removed afterwards): never through an argument or the child's environment.
/// </summary>
public sealed partial class NuGetPublisher(ToolRunner tools, ILogger log, PackageRegistryClient registry)
{
    public const string SourceName = "gitlab";

    /// <summary>How long to wait between looking for an uploaded package and for a failed push's retry (tests shorten it).</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(2);

    public async Task<IReadOnlyList<PublishedPackage>> PublishAsync(IReadOnlyList<string> files, NuGetFeed feed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(feed);
        if (feed.ServiceIndex.Scheme != Uri.UriSchemeHttps && !feed.IsLoopbackHttp)
            throw new BuildException($"The package feed {feed.ServiceIndex} is not HTTPS, so the job token would travel in clear text; nothing was published.",
                $"Point {CiVariables.ApiUrl} at GitLab's HTTPS address.");
        var packages = files.Select(NuGetPackageFile.Read).ToList();
        var published = new List<PublishedPackage>();
        var missing = new List<NuGetPackageFile>();
        foreach (var package in packages)
        {
            if (await registry.FindAsync(package.Id, package.Version, cancellationToken) is { } existing)
            {
                log.Information("{Id:l} {Version:l} is already in the package registry ({Url:l}): not uploaded again", package.Id, package.Version, existing.WebUrl);
                published.Add(new PublishedPackage(package, existing, Uploaded: false));
            }
            else missing.Add(package);
        }
        if (missing.Count == 0) return published;

        var directory = tools.Children.Scratch.CreateDirectory("nuget");
        var config = Path.Combine(directory, "nuget.config");
        try
        {
            WriteConfig(config, feed);
            foreach (var package in missing)
            {
                await PushAsync(package, config, cancellationToken);
                published.Add(new PublishedPackage(package, await FindUploadedAsync(package, cancellationToken), Uploaded: true));
                log.Information("Published {Id:l} {Version:l} to {Feed:l}", package.Id, package.Version, feed.ServiceIndex);
            }
        }
        finally
        {
            Remove(config, directory);
        }
        return published;
    }

    private async Task PushAsync(NuGetPackageFile package, string config, CancellationToken cancellationToken)
    {
        // A push that failed on GitLab's side may still have landed: look before trying again, so a retry never uploads twice.
        var pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 2,
            Delay = Delay,
            BackoffType = DelayBackoffType.Exponential,
            ShouldHandle = new PredicateBuilder().Handle<TransientPushFailure>(),
        }).Build();
        var attempt = 0;
        try
        {
            await pipeline.ExecuteAsync(async token => await PushOnceAsync(package, config, attempt++ > 0, token), cancellationToken);
        }
        catch (TransientPushFailure failure)
        {
            throw failure.Error;
        }
    }

    private async ValueTask PushOnceAsync(NuGetPackageFile package, string config, bool retry, CancellationToken token)
    {
        if (retry && await registry.FindAsync(package.Id, package.Version, token) is not null) return;
        var result = await tools.RunAsync(new ToolInvocation("dotnet",
            ["nuget", "push", package.Path, "--source", SourceName, "--configfile", config])
        {
            WorkingDirectory = Path.GetDirectoryName(package.Path),
            Environment = new Dictionary<string, string?>
            {
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
                ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
                // English messages, whatever the runner's locale: the refusal's status code is read from them.
                ["DOTNET_CLI_UI_LANGUAGE"] = "en",
                // dotnet nuget push sends these as X-NuGet-ApiKey: a runner's other secret must not reach GitLab.
                ["NUGET_API_KEY"] = null,
                ["NUGET_SYMBOL_API_KEY"] = null,
            },
            AllowFailure = true,
        }, token);
        if (result.Succeeded) return;
        var output = result.StandardOutput + result.StandardError;
        var status = StatusCode().Match(output) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var action = $"upload {package.FileName}";
        if (status != 0 && ApiRetry.IsTransient((System.Net.HttpStatusCode)status)) throw new TransientPushFailure(PublishErrors.For(status, "from dotnet nuget push", action));
        throw status != 0
            ? PublishErrors.For(status, "from dotnet nuget push", action)
            : new BuildException($"dotnet nuget push failed for {package.FileName} (exit code {result.ExitCode}).", "See dotnet's output above.");
    }

    /// <summary>GitLab files an upload in the same request; a package it still processes is not listed yet, so look a few times.</summary>
    private async Task<RegistryPackage> FindUploadedAsync(NuGetPackageFile package, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await registry.FindAsync(package.Id, package.Version, cancellationToken) is { } found) return found;
            if (attempt == 4)
                throw new BuildException($"{package.Id} {package.Version} was uploaded, but GitLab's package registry does not list it.",
                    "Look at the project's Deploy > Package registry page for a package in an error state, delete it, and run the job again.");
            await Task.Delay(Delay, cancellationToken);
        }
    }

    internal static void WriteConfig(string path, NuGetFeed feed)
    {
        static string X(string value) => SecurityElement.Escape(value);
        var insecure = feed.IsLoopbackHttp ? " allowInsecureConnections=\"true\"" : "";
        var text = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="{SourceName}" value="{X(feed.ServiceIndex.AbsoluteUri)}" protocolVersion="3"{insecure} />
              </packageSources>
              <packageSourceCredentials>
                <{SourceName}>
                  <add key="Username" value="{X(feed.UserName)}" />
                  <add key="ClearTextPassword" value="{X(feed.Password)}" />
                </{SourceName}>
              </packageSourceCredentials>
            </configuration>
            """;
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(new FileStream(path, options));
        writer.Write(text + "\n");
    }

    private static void Remove(string config, string directory)
    {
        try
        {
            if (File.Exists(config)) File.WriteAllBytes(config, new byte[new FileInfo(config).Length]);
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The run's private directory is removed at exit, and by the next run's sweep after a kill.
        }
    }

    [GeneratedRegex(@"status code does not indicate success: (\d{3})")]
    private static partial Regex StatusCode();

    private sealed class TransientPushFailure(BuildException error) : Exception(error.Message, error)
    {
        public BuildException Error { get; } = error;
    }
}
