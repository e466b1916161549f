package theo.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bucket4j buckets kept in a store every instance reaches (PostgreSQL or Redis): each consume is
 * one atomic change of the stored bucket, so instances together allow exactly the limit.
 */
class SharedRateLimiter implements RateLimiter {
  /**
   * A stored bucket is deleted (PostgreSQL) or expires (Redis) this long after it is full again.
   */
  private static final Duration IDLE_BUCKET_KEPT = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(SharedRateLimiter.class);
  private static final long CLEANUP_EVERY_MILLIS = 60_000;
  private static final int CLEANUP_BATCH = 1_000;

  private final ProxyManager<String> buckets;
  private final Clock clock;
  private final Map<RateLimit, BucketConfiguration> configurations = new ConcurrentHashMap<>();
  private final AtomicLong nextCleanup = new AtomicLong();

  SharedRateLimiter(ProxyManager<String> buckets, Clock clock) {
    this.buckets = buckets;
    this.clock = clock;
  }

  /** Buckets in the table {@code rate_limit_bucket}, each locked by {@code SELECT … FOR UPDATE}. */
  static SharedRateLimiter postgresql(DataSource dataSource, Clock clock) {
    return postgresql(dataSource, clock, IDLE_BUCKET_KEPT);
  }

  static SharedRateLimiter postgresql(DataSource dataSource, Clock clock, Duration keptIdle) {
    return new SharedRateLimiter(
        Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
            .primaryKeyMapper(PrimaryKeyMapper.STRING)
            .table("rate_limit_bucket")
            .expiresAtColumn("expires_at")
            .expirationAfterWrite(
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(keptIdle))
            .clientClock(new ClockTimeMeter(clock))
            .build(),
        clock);
  }

  /** Buckets as Redis strings, changed by compare-and-set. */
  static SharedRateLimiter redis(StatefulRedisConnection<String, byte[]> connection, Clock clock) {
    return new SharedRateLimiter(
        Bucket4jLettuce.casBasedBuilder(connection)
            .expirationAfterWrite(
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(IDLE_BUCKET_KEPT))
            .clientClock(new ClockTimeMeter(clock))
            .build(),
        clock);
  }

  @Override
  public Decision tryConsume(RateLimit limit, String key) {
    BucketConfiguration configuration =
        configurations.computeIfAbsent(limit, RateLimit::bucketConfiguration);
    // The limit's size is part of the id: a changed override starts fresh buckets rather than
    // reading ones stored under the old configuration.
    String id = limit.name() + '/' + limit.requests() + '/' + limit.window().toMillis() + '/' + key;
    removeExpiredNowAndThen();
    return Decision.of(
        buckets.builder().build(id, () -> configuration).tryConsumeAndReturnRemaining(1),
        clock.instant());
  }

  /**
   * Rows of idle buckets are deleted by whichever instance comes first each minute, off the
   * request's thread (Redis expires its keys by itself).
   */
  private void removeExpiredNowAndThen() {
    if (!(buckets instanceof ExpiredEntriesCleaner cleaner)) {
      return;
    }
    long now = clock.millis();
    long due = nextCleanup.get();
    if (now >= due && nextCleanup.compareAndSet(due, now + CLEANUP_EVERY_MILLIS)) {
      CompletableFuture.runAsync(() -> cleaner.removeExpired(CLEANUP_BATCH))
          .exceptionally(
              failure -> {
                log.warn("Could not delete idle rate-limit buckets: {}", failure.toString());
                return null;
              });
    }
  }
}
