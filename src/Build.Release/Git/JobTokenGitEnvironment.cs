namespace GitLabRelease.Git;

/// <summary>
/// git's environment for one job-token call. The token is in <c>GIT_CONFIG_VALUE_*</c> only, as an Authorization
/// header scoped to the repository URL, so a URL rewritten by the repository's configuration (insteadOf) or a
/// redirect does not carry it elsewhere. Credential helpers and askpass are switched off, so a runner's helper can
/// neither add other credentials nor store this one; system and global configuration are not read; inherited GIT_*
/// and SSH_* variables (GIT_SSL_NO_VERIFY, GIT_CONFIG_PARAMETERS, ...) are removed; only the URL's own protocol is allowed.
/// </summary>
internal static class JobTokenGitEnvironment
{
    public static IReadOnlyDictionary<string, string?> For(Uri url, string jobToken)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            if (entry.Key is string name && (name.StartsWith("GIT_", StringComparison.Ordinal) || name.StartsWith("SSH_", StringComparison.Ordinal)))
                environment[name] = null;
        environment["GIT_CONFIG_NOSYSTEM"] = "1";
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        environment["GIT_TERMINAL_PROMPT"] = "0";
        // Empty, not unset: git then asks neither core.askPass nor SSH_ASKPASS.
        environment["GIT_ASKPASS"] = "";
        environment["GIT_ALLOW_PROTOCOL"] = url.Scheme;
        (string Key, string Value)[] settings =
        [
            // An empty value resets the list: helpers from the repository's configuration are not asked either.
            ("credential.helper", ""),
            ("core.askPass", ""),
            // Resets headers the repository's configuration may add, then adds ours for this repository only.
            ("http.extraHeader", ""),
            ($"http.{url.AbsoluteUri}.extraHeader", JobTokenCredential.AuthorizationHeader(jobToken)),
            ("http.followRedirects", "false"),
            ("http.sslVerify", "true"),
        ];
        environment["GIT_CONFIG_COUNT"] = settings.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < settings.Length; i++)
        {
            environment[$"GIT_CONFIG_KEY_{i}"] = settings[i].Key;
            environment[$"GIT_CONFIG_VALUE_{i}"] = settings[i].Value;
        }
        return environment;
    }
}
