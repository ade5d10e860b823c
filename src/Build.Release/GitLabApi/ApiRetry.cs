using System.Net;
using Polly;
using Polly.Retry;

namespace GitLabRelease.GitLabApi;

/// <summary>
/// Retries what GitLab documents as transient: 429 (rate limited, honouring Retry-After), 5xx and connection failures,
/// with exponential backoff and jitter. 4xx answers other than 429 are final.
/// </summary>
public static class ApiRetry
{
    public static ResiliencePipeline<HttpResponseMessage> Create(int maxRetries = 4, TimeSpan? baseDelay = null) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay ?? TimeSpan.FromSeconds(2),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .HandleResult(r => IsTransient(r.StatusCode)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result?.Headers.RetryAfter?.Delta is { } after && after <= TimeSpan.FromMinutes(1) ? after : (TimeSpan?)null),
            })
            .Build();

    public static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;
}
