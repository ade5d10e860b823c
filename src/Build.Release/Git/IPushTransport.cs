using Nuke.Common.Tooling;

namespace GitLabRelease.Git;

/// <summary>
/// How a push reaches the remote: the deploy key over SSH (<see cref="DeployKeyTransport"/>) or the CI job token over HTTPS (<see cref="JobTokenTransport"/>). The pusher owns the
/// git side — which ref, retries, the rerun and race rules — and asks the transport only for a connection.
/// </summary>
public interface IPushTransport
{
    /// <summary>Prepares one remote operation (e.g. starts an agent with the key); dispose the connection right after.</summary>
    Task<IPushConnection> ConnectAsync(ToolRunner runner, CancellationToken cancellationToken);
}

/// <summary>What git needs for one push, ls-remote or dry run, and how to read its failures.</summary>
public interface IPushConnection : IAsyncDisposable
{
    /// <summary>The URL git is given (never carries a credential).</summary>
    string RemoteUrl { get; }

    /// <summary>Where and as whom, for the log: "gitlab.example.com:22 with deploy key SHA256:…", "https://gitlab.example.com as gitlab-ci-token (job token)".</summary>
    string Description { get; }

    /// <summary>Changes to git's inherited environment (null removes a variable).</summary>
    IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>git's own output of a failed call, turned into a cause and a fix.</summary>
    PushFailure Classify(string output, string tagName);
}
