using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace EndToEnd.Tests.Support;

/// <summary>
/// A bare KMS Decrypt over the JSON 1.1 wire protocol, for a test to read what the build encrypted without
/// the SDK's per-process configuration. The emulator reads the caller from the SigV4 credential scope only.
/// </summary>
public static class KmsWire
{
    public static async Task<byte[]> DecryptAsync(string endpoint, byte[] ciphertext, IReadOnlyDictionary<string, string> context)
    {
        using var http = new HttpClient();
        var body = new JsonObject
        {
            ["CiphertextBlob"] = Convert.ToBase64String(ciphertext),
            ["EncryptionContext"] = new JsonObject(context.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", "TrentService.Decrypt");
        request.Headers.TryAddWithoutValidation("Authorization",
            "AWS4-HMAC-SHA256 Credential=E2ETESTREADER/20260101/eu-central-1/kms/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"KMS Decrypt answered {(int)response.StatusCode}: {text}");
        return Convert.FromBase64String((string)JsonNode.Parse(text)!["Plaintext"]!);
    }
}
