using Nuke.Common.Parameters;

namespace Engine.Tests;

public class SecretShapeTests
{
    [Theory]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwcm9qZWN0In0.c2lnbmF0dXJl", "a JSON Web Token (an ID token)")]
    [InlineData("  eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwcm9qZWN0In0.\n", "a JSON Web Token (an ID token)")] // unsigned, padded
    [InlineData("eyJ12345678.12345678.", "a JSON Web Token (an ID token)")] // the shortest shape
    [InlineData("eyJ1234567.12345678.sig", null)] // header too short
    [InlineData("eyJ12345678.1234567.sig", null)] // payload too short
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwcm9qZWN0In0", null)] // two parts
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwcm9qZWN0In0.sig.more", null)] // four parts
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwcm9q ZWN0In0.sig", null)] // not base64url
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwcm9qZWN0In0.si+g", null)]
    [InlineData("abJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwcm9qZWN0In0.sig", null)] // not a JOSE header
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n", "a private key")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----", "a private key")]
    [InlineData("/home/user/.ssh/id_ed25519", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Recognizes_ID_tokens_and_private_keys_whatever_holds_them(string? value, string? expected)
    {
        Assert.Equal(expected, SecretShape.Describe(value));
    }
}
