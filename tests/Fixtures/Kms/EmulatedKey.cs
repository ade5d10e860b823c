namespace Fixtures.Kms;

public enum EmulatedKeyState { Enabled, Disabled, PendingDeletion }

/// <summary>One symmetric KMS key: a random AES-256 key that never leaves the emulator.</summary>
public sealed class EmulatedKey(string id, string arn, byte[] material, string description)
{
    public string Id { get; } = id;
    public string Arn { get; } = arn;
    internal byte[] Material { get; } = material;
    public string Description { get; } = description;
    public DateTimeOffset Created { get; } = DateTimeOffset.UtcNow;
    public EmulatedKeyState State { get; set; } = EmulatedKeyState.Enabled;
}
