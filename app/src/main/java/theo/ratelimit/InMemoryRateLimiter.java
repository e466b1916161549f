package theo.ratelimit;

import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bucket4j buckets in this JVM, one per limit and key, refilled whole at the end of each window:
 * each instance counts on its own ({@code theo.rate-limit.store=memory}).
 */
class InMemoryRateLimiter implements RateLimiter {
  private static final int EVICT_THRESHOLD = 100_000;

  private final Clock clock;
  private final ClockTimeMeter timeMeter;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  InMemoryRateLimiter(Clock clock) {
    this.clock = clock;
    this.timeMeter = new ClockTimeMeter(clock);
  }

  @Override
  public Decision tryConsume(RateLimit limit, String key) {
    if (buckets.size() > EVICT_THRESHOLD) {
      // Idle buckets are full again; dropping them loses nothing a user could notice.
      buckets.clear();
    }
    Bucket bucket = buckets.computeIfAbsent(limit.name() + '\u0000' + key, k -> newBucket(limit));
    return Decision.of(bucket.tryConsumeAndReturnRemaining(1), clock.instant());
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
