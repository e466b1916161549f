package theo.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bucket4j buckets kept in a store every instance reaches (PostgreSQL or Redis): each consume is
 * one atomic change of the stored bucket, so instances together allow exactly the limit.
 */
class SharedRateLimiter implements RateLimiter {
  private final ProxyManager<String> buckets;
  private final Clock clock;
  private final Map<RateLimit, BucketConfiguration> configurations = new ConcurrentHashMap<>();

  SharedRateLimiter(ProxyManager<String> buckets, Clock clock) {
    this.buckets = buckets;
    this.clock = clock;
  }

  @Override
  public Decision tryConsume(RateLimit limit, String key) {
    BucketConfiguration configuration =
        configurations.computeIfAbsent(limit, RateLimit::bucketConfiguration);
    // The limit's size is part of the id: a changed override starts fresh buckets rather than
    // reading ones stored under the old configuration.
    String id = limit.name() + '/' + limit.requests() + '/' + limit.window().toMillis() + '/' + key;
    return Decision.of(
        buckets.builder().build(id, () -> configuration).tryConsumeAndReturnRemaining(1),
        clock.instant());
  }
}
