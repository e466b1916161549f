package theo.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bucket4j buckets in this JVM, one per limit and key, refilled whole at the end of each window.
 * Time comes from the injected {@link Clock} so tests can move it.
 */
class InMemoryRateLimiter implements RateLimiter {
  private static final int EVICT_THRESHOLD = 100_000;

  private final Clock clock;
  private final TimeMeter timeMeter;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  InMemoryRateLimiter(Clock clock) {
    this.clock = clock;
    this.timeMeter =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            return clock.millis() * 1_000_000L;
          }

          @Override
          public boolean isWallClockBased() {
            return true;
          }
        };
  }

  @Override
  public Decision tryConsume(RateLimit limit, String key) {
    if (buckets.size() > EVICT_THRESHOLD) {
      // Idle buckets are full again; dropping them loses nothing a user could notice.
      buckets.clear();
    }
    Bucket bucket = buckets.computeIfAbsent(limit.name() + '\u0000' + key, k -> newBucket(limit));
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    Instant now = clock.instant();
    Instant resetAt = now.plusNanos(probe.getNanosToWaitForReset());
    Duration retryAfter =
        probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    return new Decision(probe.isConsumed(), probe.getRemainingTokens(), resetAt, retryAfter);
  }

  private Bucket newBucket(RateLimit limit) {
    return Bucket.builder()
        .addLimit(
            bandwidth ->
                bandwidth
                    .capacity(limit.requests())
                    .refillIntervally(limit.requests(), limit.window()))
        .withCustomTimePrecision(timeMeter)
        .build();
  }
}
