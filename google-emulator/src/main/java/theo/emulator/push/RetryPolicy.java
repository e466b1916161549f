package theo.emulator.push;

/**
 * At-least-once delivery: a non-2xx answer, a refused connection or no answer within {@code
 * timeoutMs} is retried after {@code initialBackoffMs}, doubling up to {@code maxBackoffMs}, for at
 * most {@code maxAttempts} attempts in all.
 */
public record RetryPolicy(
    long initialBackoffMs, long maxBackoffMs, int maxAttempts, long timeoutMs) {

  /** Pub/Sub's own backoff starts at 10 s; the emulator retries sooner so tests stay fast. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(100, 5_000, 8, 10_000);

  public RetryPolicy {
    if (initialBackoffMs < 1 || maxBackoffMs < initialBackoffMs || maxAttempts < 1) {
      throw new IllegalArgumentException(
          "Need initialBackoffMs >= 1, maxBackoffMs >= initialBackoffMs and maxAttempts >= 1");
    }
    if (timeoutMs < 1) {
      throw new IllegalArgumentException("timeoutMs must be >= 1");
    }
  }

  /** The wait before attempt {@code attempt + 1}, after attempt {@code attempt} failed. */
  long backoffAfter(int attempt) {
    long backoff = initialBackoffMs;
    for (int i = 1; i < attempt && backoff < maxBackoffMs; i++) {
      backoff *= 2;
    }
    return Math.min(backoff, maxBackoffMs);
  }
}
