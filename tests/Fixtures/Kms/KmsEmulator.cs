using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;

namespace Fixtures.Kms;

/// <summary>
/// AWS KMS and STS on 127.0.0.1, speaking the real wire protocols so the real AWS SDK (or boto3, or the
/// CLI) can be pointed at it with AWS_ENDPOINT_URL_KMS / AWS_ENDPOINT_URL_STS or an explicit ServiceURL.
/// <list type="bullet">
/// <item>KMS (JSON 1.1, X-Amz-Target TrentService.*): CreateKey, DescribeKey, Encrypt, Decrypt, EnableKey,
/// DisableKey, ScheduleKeyDeletion, CancelKeyDeletion, CreateAlias. Ciphertext is AES-256-GCM under a
/// per-key secret, bound to the key id, with the canonical encryption context as associated data, so a
/// wrong context or a flipped byte fails exactly like KMS (InvalidCiphertextException).</item>
/// <item>Errors carry KMS's <c>__type</c> and status: NotFoundException, DisabledException,
/// KMSInvalidStateException, IncorrectKeyException, InvalidCiphertextException, AccessDeniedException
/// (for principals you deny), and ThrottlingException / KMSInternalException (500) on demand.</item>
/// <item>STS (query protocol, XML): AssumeRoleWithWebIdentity decided by <see cref="StrictSts"/> as AWS decides it
/// (JWT signature against the issuer's JWKS, iss, exp, aud in the provider's ClientIDList, the role's trust policy),
/// with STS's error codes. The issued access key id maps to the assumed-role ARN, so key-policy denials can target the role.</item>
/// </list>
/// Signatures are not verified: the principal is read from the SigV4 Credential scope's access key id.
/// </summary>
public sealed class KmsEmulator : IAsyncDisposable
{
    public const string Account = "111122223333";
    public const string DefaultRegion = "eu-central-1";

    private readonly HttpListener _listener;
    private readonly Task _loop;
    private readonly ConcurrentDictionary<string, EmulatedKey> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _deniedPrincipals = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Operation, int Status, string Type, bool Echo)> _faults = new();
    private readonly ConcurrentDictionary<string, TimeSpan> _delays = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, (int Status, string Type)> _persistentFaults = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<EmulatorRequest> _requests = new();
    private readonly ConcurrentQueue<string> _issuedSecrets = new();

    private KmsEmulator(HttpListener listener, int port)
    {
        _listener = listener;
        Port = port;
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    /// <summary>The account's OIDC providers and roles; arrange them with the onboarding files or <see cref="StrictSts.TrustGitLabProject"/>.</summary>
    public StrictSts Sts { get; } = new(Account);
    public string Url => $"http://127.0.0.1:{Port}";
    public IReadOnlyCollection<EmulatorRequest> Requests => _requests.ToArray();

    /// <summary>Every session token and secret access key STS issued, so tests can check none was printed or left behind.</summary>
    public IReadOnlyCollection<string> IssuedSecrets => _issuedSecrets.ToArray();

    public static KmsEmulator Start()
    {
        var (listener, port) = Http.LoopbackListener.Start();
        return new KmsEmulator(listener, port);
    }

    // ---- arranging state -------------------------------------------------------------------------

    public EmulatedKey CreateKey(string description = "", string region = DefaultRegion)
    {
        var id = Guid.NewGuid().ToString();
        var key = new EmulatedKey(id, $"arn:aws:kms:{region}:{Account}:key/{id}", RandomNumberGenerator.GetBytes(32), description);
        _keys[id] = key;
        return key;
    }

    public void CreateAlias(string alias, string keyId) => _aliases[alias] = Resolve(keyId)?.Id ?? throw new ArgumentException($"no key {keyId}");
    public void SetState(string keyId, EmulatedKeyState state) => (Resolve(keyId) ?? throw new ArgumentException($"no key {keyId}")).State = state;

    /// <summary>Every KMS call by this principal (access key id, IAM ARN or role ARN) is denied.</summary>
    public void Deny(string principal) => _deniedPrincipals[principal] = 0;


    /// <summary>The next <paramref name="count"/> calls of <paramref name="operation"/> ("*" for any) fail this way.</summary>
    public void FailNext(string operation, int count, int status, string type)
    {
        for (var i = 0; i < count; i++) _faults.Enqueue((operation, status, type, false));
    }

    /// <summary>
    /// The next <paramref name="count"/> calls of <paramref name="operation"/> fail with a message that quotes the request back — its body
    /// (for STS, the web-identity token) and its X-Amz-Security-Token header (for KMS, the STS session token) — as a
    /// careless service or proxy might, so a test can check that the build masks what AWS echoes.
    /// </summary>
    public void FailNextEchoing(string operation, int count, int status, string type)
    {
        for (var i = 0; i < count; i++) _faults.Enqueue((operation, status, type, true));
    }

    /// <summary>Every call of <paramref name="operation"/> is answered only after <paramref name="delay"/> until <see cref="ClearFaults"/>.</summary>
    public void Delay(string operation, TimeSpan delay) => _delays[operation] = delay;

    /// <summary>Every call of <paramref name="operation"/> fails this way until <see cref="ClearFaults"/>.</summary>
    public void FailAlways(string operation, int status, string type) => _persistentFaults[operation] = (status, type);

    public void ClearFaults()
    {
        _faults.Clear();
        _persistentFaults.Clear();
        _delays.Clear();
    }

    public int CountOf(string operation) => _requests.Count(r => r.Operation == operation);

    /// <summary>
    /// Variables for a child process (e.g. the built build) to use this emulator through the SDK's own
    /// configuration, hermetically: no profile files, no instance metadata. Add AWS_ROLE_ARN + AWS_ID_TOKEN
    /// (a token of an <see cref="OidcIssuer"/> the <see cref="Sts"/> trusts) for GitLab OIDC, or AWS_ACCESS_KEY_ID/SECRET for plain keys.
    /// </summary>
    public Dictionary<string, string?> ClientEnvironment(string region = DefaultRegion) => new()
    {
        ["AWS_REGION"] = region,
        ["AWS_DEFAULT_REGION"] = region, // boto3 and the CLI read this one
        ["AWS_ENDPOINT_URL_KMS"] = Url,
        ["AWS_ENDPOINT_URL_STS"] = Url,
        ["AWS_ENDPOINT_URL"] = null,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_CONFIG_FILE"] = "/nonexistent/aws/config",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/aws/credentials",
        ["AWS_PROFILE"] = null,
        ["AWS_ACCESS_KEY_ID"] = null,
        ["AWS_SECRET_ACCESS_KEY"] = null,
        ["AWS_SESSION_TOKEN"] = null,
        ["AWS_ROLE_ARN"] = null,
        ["AWS_WEB_IDENTITY_TOKEN_FILE"] = null,
        ["AWS_ROLE_SESSION_NAME"] = null,
    };

    // ---- the ciphertext format -------------------------------------------------------------------

    private static readonly byte[] Magic = "EKMS"u8.ToArray();
    private const int IdLength = 36, NonceLength = 12, TagLength = 16;

    /// <summary>Encrypts like KMS Encrypt would, without going through HTTP (for arranging tests).</summary>
    public byte[] Encrypt(string keyId, byte[] plaintext, IReadOnlyDictionary<string, string>? context = null)
    {
        var key = Resolve(keyId) ?? throw new ArgumentException($"no key {keyId}");
        var nonce = RandomNumberGenerator.GetBytes(NonceLength);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagLength];
        using (var aes = new AesGcm(key.Material, TagLength))
            aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData(key.Id, context));
        return [.. Magic, .. Encoding.ASCII.GetBytes(key.Id), .. nonce, .. tag, .. ciphertext];
    }

    private static byte[] AssociatedData(string keyId, IReadOnlyDictionary<string, string>? context)
    {
        // Canonical form: the key id, then pairs sorted by key. Any change to either fails authentication.
        var canonical = new StringBuilder(keyId);
        foreach (var (name, value) in (context ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
            canonical.Append('\n').Append(name).Append('=').Append(value);
        return Encoding.UTF8.GetBytes(canonical.ToString());
    }

    private static (string KeyId, byte[] Nonce, byte[] Tag, byte[] Ciphertext)? ParseBlob(byte[] blob)
    {
        if (blob.Length < Magic.Length + IdLength + NonceLength + TagLength || !blob.AsSpan(0, Magic.Length).SequenceEqual(Magic)) return null;
        var offset = Magic.Length;
        var keyId = Encoding.ASCII.GetString(blob, offset, IdLength);
        offset += IdLength;
        var nonce = blob[offset..(offset += NonceLength)];
        var tag = blob[offset..(offset += TagLength)];
        return (keyId, nonce, tag, blob[offset..]);
    }

    private EmulatedKey? Resolve(string? keyId)
    {
        if (string.IsNullOrEmpty(keyId)) return null;
        if (keyId.StartsWith("arn:aws:kms:", StringComparison.Ordinal))
        {
            var resource = keyId.Split(':', 6)[5];
            if (resource.StartsWith("key/", StringComparison.Ordinal)) keyId = resource[4..];
            else if (resource.StartsWith("alias/", StringComparison.Ordinal)) keyId = resource;
        }
        if (keyId.StartsWith("alias/", StringComparison.Ordinal))
            return _aliases.TryGetValue(keyId, out var target) ? _keys.GetValueOrDefault(target) : null;
        return _keys.GetValueOrDefault(keyId);
    }

    // ---- HTTP ------------------------------------------------------------------------------------

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                body = await reader.ReadToEndAsync();
            var target = context.Request.Headers["X-Amz-Target"];
            var accessKey = AccessKeyOf(context.Request.Headers["Authorization"]);
            var echo = $"{body} X-Amz-Security-Token: {context.Request.Headers["X-Amz-Security-Token"]}";
            Reply reply;
            if (target is not null && target.StartsWith("TrentService.", StringComparison.Ordinal))
            {
                var operation = target["TrentService.".Length..];
                _requests.Enqueue(new EmulatorRequest("kms", operation, accessKey, Principal(accessKey)));
                await DelayAsync(operation);
                reply = Fault(operation, echo, KmsError) ?? Kms(operation, body, accessKey);
            }
            else
            {
                var form = HttpUtility.ParseQueryString(body.Length > 0 ? body : context.Request.Url?.Query ?? "");
                var action = form["Action"] ?? "";
                _requests.Enqueue(new EmulatorRequest("sts", action, accessKey, null));
                await DelayAsync(action);
                reply = Fault(action, echo, StsError) ?? StsAction(action, form);
            }
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = reply.ContentType;
            context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception)
        {
            try { context.Response.Abort(); } catch (ObjectDisposedException) { }
        }
    }

    private sealed record Reply(int Status, string ContentType, string Body);

    private Reply? Fault(string operation, string echo, Func<int, string, string, Reply> error)
    {
        if (_persistentFaults.TryGetValue(operation, out var always) || _persistentFaults.TryGetValue("*", out always))
            return error(always.Status, always.Type, "Injected by the test");
        if (_faults.TryPeek(out var next) && (next.Operation == operation || next.Operation == "*") && _faults.TryDequeue(out next))
            return error(next.Status, next.Type, next.Echo ? $"Injected by the test; the request was: {echo}" : "Injected by the test");
        return null;
    }

    private async Task DelayAsync(string operation)
    {
        if (_delays.TryGetValue(operation, out var delay)) await Task.Delay(delay, _stopping.Token);
    }

    private static string? AccessKeyOf(string? authorization)
    {
        // AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-central-1/kms/aws4_request, SignedHeaders=..., Signature=...
        var start = authorization?.IndexOf("Credential=", StringComparison.Ordinal) ?? -1;
        if (start < 0) return null;
        var rest = authorization![(start + "Credential=".Length)..];
        var slash = rest.IndexOf('/');
        return slash > 0 ? rest[..slash] : null;
    }

    private string? Principal(string? accessKey) =>
        accessKey is null ? null : _sessions.TryGetValue(accessKey, out var role) ? role : $"arn:aws:iam::{Account}:user/{accessKey}";

    private bool IsDenied(string? accessKey)
    {
        if (accessKey is null) return false;
        if (_deniedPrincipals.ContainsKey(accessKey)) return true;
        var principal = Principal(accessKey);
        if (principal is null) return false;
        if (_deniedPrincipals.ContainsKey(principal)) return true;
        // arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION is denied when arn:aws:iam::ACCOUNT:role/NAME is.
        var parts = principal.Split('/');
        return principal.Contains(":assumed-role/", StringComparison.Ordinal) && parts.Length >= 2 &&
               _deniedPrincipals.ContainsKey($"arn:aws:iam::{Account}:role/{parts[1]}");
    }

    // ---- KMS -------------------------------------------------------------------------------------

    private static Reply KmsError(int status, string type, string message) =>
        new(status, "application/x-amz-json-1.1", new JsonObject { ["__type"] = type, ["message"] = message }.ToJsonString());

    private static Reply KmsOk(JsonObject body) => new(200, "application/x-amz-json-1.1", body.ToJsonString());

    private Reply Kms(string operation, string body, string? accessKey)
    {
        JsonObject request;
        try
        {
            request = JsonNode.Parse(body.Length == 0 ? "{}" : body) as JsonObject ?? new JsonObject();
        }
        catch (JsonException)
        {
            return KmsError(400, "SerializationException", "Malformed JSON");
        }
        if (accessKey is null) return KmsError(400, "MissingAuthenticationTokenException", "Missing Authentication Token");

        switch (operation)
        {
            case "CreateKey":
                return KmsOk(new JsonObject { ["KeyMetadata"] = Metadata(CreateKey((string?)request["Description"] ?? "")) });
            case "CreateAlias":
            {
                var target = Resolve((string?)request["TargetKeyId"]);
                if (target is null) return NotFound((string?)request["TargetKeyId"]);
                _aliases[(string?)request["AliasName"] ?? ""] = target.Id;
                return KmsOk(new JsonObject());
            }
        }

        var keyId = (string?)request["KeyId"];
        var key = Resolve(keyId);
        if (operation == "Decrypt")
            return Decrypt(request, keyId, key, accessKey);
        if (key is null) return NotFound(keyId);
        if (IsDenied(accessKey)) return AccessDenied(accessKey, operation, key);

        switch (operation)
        {
            case "DescribeKey":
                return KmsOk(new JsonObject { ["KeyMetadata"] = Metadata(key) });
            case "EnableKey" or "CancelKeyDeletion":
                key.State = operation == "EnableKey" ? EmulatedKeyState.Enabled : EmulatedKeyState.Disabled;
                return KmsOk(operation == "EnableKey" ? new JsonObject() : new JsonObject { ["KeyId"] = key.Arn });
            case "DisableKey":
                key.State = EmulatedKeyState.Disabled;
                return KmsOk(new JsonObject());
            case "ScheduleKeyDeletion":
                key.State = EmulatedKeyState.PendingDeletion;
                return KmsOk(new JsonObject { ["KeyId"] = key.Arn, ["KeyState"] = "PendingDeletion", ["DeletionDate"] = DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds() });
            case "Encrypt":
            {
                if (StateError(key) is { } stateError) return stateError;
                var plaintext = Convert.FromBase64String((string?)request["Plaintext"] ?? "");
                if (plaintext.Length is 0 or > 4096) return KmsError(400, "ValidationException", "Plaintext must be 1 to 4096 bytes");
                var blob = Encrypt(key.Id, plaintext, ContextOf(request));
                return KmsOk(new JsonObject
                {
                    ["CiphertextBlob"] = Convert.ToBase64String(blob), ["KeyId"] = key.Arn, ["EncryptionAlgorithm"] = "SYMMETRIC_DEFAULT",
                });
            }
            default:
                return KmsError(400, "UnknownOperationException", $"{operation} is not emulated");
        }
    }

    private Reply Decrypt(JsonObject request, string? requestedKeyId, EmulatedKey? requestedKey, string? accessKey)
    {
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String((string?)request["CiphertextBlob"] ?? "");
        }
        catch (FormatException)
        {
            return KmsError(400, "SerializationException", "CiphertextBlob is not base64");
        }
        if (requestedKeyId is not null && requestedKey is null) return NotFound(requestedKeyId);
        if (ParseBlob(blob) is not { } parsed) return KmsError(400, "InvalidCiphertextException", "");
        if (!_keys.TryGetValue(parsed.KeyId, out var key)) return KmsError(400, "InvalidCiphertextException", "");
        if (IsDenied(accessKey)) return AccessDenied(accessKey, "Decrypt", requestedKey ?? key);
        if (requestedKey is not null && requestedKey.Id != key.Id)
            return KmsError(400, "IncorrectKeyException", "The key ID in the request does not identify a CMK that can perform this operation.");
        if (StateError(key) is { } stateError) return stateError;

        var plaintext = new byte[parsed.Ciphertext.Length];
        try
        {
            using var aes = new AesGcm(key.Material, TagLength);
            aes.Decrypt(parsed.Nonce, parsed.Ciphertext, parsed.Tag, plaintext, AssociatedData(key.Id, ContextOf(request)));
        }
        catch (AuthenticationTagMismatchException)
        {
            return KmsError(400, "InvalidCiphertextException", "");
        }
        return KmsOk(new JsonObject
        {
            ["KeyId"] = key.Arn, ["Plaintext"] = Convert.ToBase64String(plaintext), ["EncryptionAlgorithm"] = "SYMMETRIC_DEFAULT",
        });
    }

    private static Dictionary<string, string> ContextOf(JsonObject request) =>
        (request["EncryptionContext"] as JsonObject)?.ToDictionary(p => p.Key, p => (string?)p.Value ?? "") ?? new Dictionary<string, string>();

    private static Reply? StateError(EmulatedKey key) => key.State switch
    {
        EmulatedKeyState.Disabled => KmsError(400, "DisabledException", $"{key.Arn} is disabled."),
        EmulatedKeyState.PendingDeletion => KmsError(400, "KMSInvalidStateException", $"{key.Arn} is pending deletion."),
        _ => null,
    };

    private static Reply NotFound(string? keyId) =>
        KmsError(400, "NotFoundException", keyId is not null && keyId.Contains("alias/", StringComparison.Ordinal)
            ? $"Alias {keyId} is not found." : $"Key '{keyId}' does not exist");

    private Reply AccessDenied(string? accessKey, string operation, EmulatedKey key) =>
        KmsError(400, "AccessDeniedException",
            $"User: {Principal(accessKey)} is not authorized to perform: kms:{operation} on resource: {key.Arn} because no resource-based policy allows the kms:{operation} action");

    private static JsonObject Metadata(EmulatedKey key) => new()
    {
        ["AWSAccountId"] = Account, ["KeyId"] = key.Id, ["Arn"] = key.Arn, ["CreationDate"] = key.Created.ToUnixTimeSeconds(),
        ["Enabled"] = key.State == EmulatedKeyState.Enabled, ["Description"] = key.Description, ["KeyUsage"] = "ENCRYPT_DECRYPT",
        ["KeyState"] = key.State.ToString(), ["Origin"] = "AWS_KMS", ["KeyManager"] = "CUSTOMER", ["KeySpec"] = "SYMMETRIC_DEFAULT",
        ["CustomerMasterKeySpec"] = "SYMMETRIC_DEFAULT", ["EncryptionAlgorithms"] = new JsonArray("SYMMETRIC_DEFAULT"), ["MultiRegion"] = false,
    };

    // ---- STS -------------------------------------------------------------------------------------

    private const string StsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    private static Reply StsError(int status, string code, string message) => new(status, "text/xml",
        $"<ErrorResponse xmlns=\"{StsNamespace}\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{SecurityElement(message)}</Message></Error>" +
        $"<RequestId>{Guid.NewGuid()}</RequestId></ErrorResponse>");

    private static string SecurityElement(string text) => System.Security.SecurityElement.Escape(text) ?? "";

    private Reply StsAction(string action, System.Collections.Specialized.NameValueCollection form)
    {
        if (action != "AssumeRoleWithWebIdentity") return StsError(400, "InvalidAction", $"Could not find operation {action} for version NO_VERSION_SPECIFIED");
        var roleArn = form["RoleArn"] ?? "";
        var session = form["RoleSessionName"] ?? "";
        var token = form["WebIdentityToken"] ?? "";
        var outcome = Sts.AssumeRoleWithWebIdentity(roleArn, session, token);
        if (outcome is StrictSts.Refused refused) return StsError(refused.Status, refused.Code, refused.Message);
        var assumedBy = (StrictSts.Assumed)outcome;

        var roleName = roleArn.Split('/').Last();
        var accessKey = "ASIA" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        var assumed = $"arn:aws:sts::{Account}:assumed-role/{roleName}/{session}";
        _sessions[accessKey] = assumed;
        var expiration = DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var sessionToken = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        var secretKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
        _issuedSecrets.Enqueue(sessionToken);
        _issuedSecrets.Enqueue(secretKey);
        return new Reply(200, "text/xml",
            $"<AssumeRoleWithWebIdentityResponse xmlns=\"{StsNamespace}\"><AssumeRoleWithWebIdentityResult>" +
            $"<SubjectFromWebIdentityToken>{SecurityElement(assumedBy.Subject)}</SubjectFromWebIdentityToken><Audience>{SecurityElement(assumedBy.Audience)}</Audience>" +
            $"<AssumedRoleUser><Arn>{assumed}</Arn><AssumedRoleId>AROAEMULATED:{session}</AssumedRoleId></AssumedRoleUser>" +
            $"<Credentials><SessionToken>{sessionToken}</SessionToken>" +
            $"<SecretAccessKey>{secretKey}</SecretAccessKey>" +
            $"<Expiration>{expiration}</Expiration><AccessKeyId>{accessKey}</AccessKeyId></Credentials>" +
            $"<Provider>{SecurityElement(assumedBy.Provider)}</Provider></AssumeRoleWithWebIdentityResult>" +
            $"<ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata></AssumeRoleWithWebIdentityResponse>");
    }

    public async ValueTask DisposeAsync()
    {
        // Close alone: Stop then Close makes the managed HttpListener re-bind the port just to unregister it, which
        // throws "Address already in use" when another test has taken the port in between.
        await _stopping.CancelAsync();
        try { _listener.Close(); }
        catch (HttpListenerException) { }
        // Bounded, as the other HTTP peers: a listener whose pending accept is never failed by Close must not hold the run.
        try { await _loop.WaitAsync(TimeSpan.FromSeconds(5)); } catch (Exception e) when (e is ObjectDisposedException or TimeoutException) { }
        _stopping.Dispose();
    }
}

/// <summary>One request the emulator answered: which service, operation and caller.</summary>
public sealed record EmulatorRequest(string Service, string Operation, string? AccessKeyId, string? Principal);
