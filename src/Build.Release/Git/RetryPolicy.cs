namespace GitLabRelease.Git;

/// <summary>How often a transient network failure is retried: <see cref="Attempts"/> tries, delays doubling from <see cref="InitialDelay"/>.</summary>
public sealed record RetryPolicy(int Attempts, TimeSpan InitialDelay)
{
    public static RetryPolicy Default { get; } = new(4, TimeSpan.FromSeconds(2));

    public static RetryPolicy None { get; } = new(1, TimeSpan.Zero);

    public TimeSpan DelayBefore(int nextAttempt) =>
        TimeSpan.FromTicks(InitialDelay.Ticks * (1L << Math.Clamp(nextAttempt - 2, 0, 16)));
}
