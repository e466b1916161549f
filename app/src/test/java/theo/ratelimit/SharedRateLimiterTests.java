package theo.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Two instances counting one user's requests in one shared store, as two servers would. */
class SharedRateLimiterTests {
  private static final SharedStores stores = new SharedStores();
  private static final RateLimit LIMIT = RateLimit.perMinute("gmailSync", 10);

  @AfterAll
  static void stopStores() throws Exception {
    stores.close();
  }

  @Test
  void tryConsumeWhenTwoInstancesShareOnePostgresqlThenExactlyTheLimitIsAllowedAcrossBoth()
      throws Exception {
    Clock clock = Clock.systemUTC();
    RateLimiter a = SharedRateLimiter.postgresql(stores.postgresInstance("a"), clock);
    RateLimiter b = SharedRateLimiter.postgresql(stores.postgresInstance("b"), clock);

    assertThat(concurrently(a, b, "user:pg", 200)).isEqualTo(LIMIT.requests());
  }

  @Test
  void tryConsumeWhenTwoInstancesShareOneRedisThenExactlyTheLimitIsAllowedAcrossBoth()
      throws Exception {
    Clock clock = Clock.systemUTC();
    RateLimiter a = SharedRateLimiter.redis(stores.redisInstance(), clock);
    RateLimiter b = SharedRateLimiter.redis(stores.redisInstance(), clock);

    assertThat(concurrently(a, b, "user:redis", 200)).isEqualTo(LIMIT.requests());
  }

  @Test
  void tryConsumeWhenStoredInPostgresqlThenCountsDownAndRefillsWholeAtTheWindowEnd() {
    InMemoryRateLimiterTests.MovableClock clock =
        new InMemoryRateLimiterTests.MovableClock(Instant.parse("2026-01-01T10:00:00Z"));
    RateLimiter a = SharedRateLimiter.postgresql(stores.postgresInstance("a-clock"), clock);
    RateLimiter b = SharedRateLimiter.postgresql(stores.postgresInstance("b-clock"), clock);
    RateLimit two = RateLimit.perMinute("gmailSend", 2);

    Decision first = a.tryConsume(two, "user:carol");
    Decision second = b.tryConsume(two, "user:carol");
    Decision refused = a.tryConsume(two, "user:carol");
    clock.advance(Duration.ofSeconds(60));
    Decision again = b.tryConsume(two, "user:carol");

    assertThat(first.allowed()).isTrue();
    assertThat(first.remaining()).isEqualTo(1);
    assertThat(first.resetAt()).isEqualTo(Instant.parse("2026-01-01T10:01:00Z"));
    assertThat(second.remaining()).isZero();
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(60));
    assertThat(again.allowed()).isTrue();
    assertThat(again.remaining()).isEqualTo(1);
    assertThat(a.tryConsume(two, "user:dave").remaining()).isEqualTo(1);
  }

  @Test
  void tryConsumeWhenLimitIsOverriddenThenStoredBucketsOfTheOldSizeAreNotReused() {
    Clock clock = Clock.systemUTC();
    RateLimiter limiter = SharedRateLimiter.postgresql(stores.postgresInstance("resized"), clock);
    limiter.tryConsume(RateLimit.perMinute("gmailDrafts", 1), "user:erin");

    Decision resized = limiter.tryConsume(RateLimit.perMinute("gmailDrafts", 5), "user:erin");

    assertThat(resized.allowed()).isTrue();
    assertThat(resized.remaining()).isEqualTo(4);
  }

  @Test
  void tryConsumeWhenBucketsHaveBeenIdleThenTheirRowsAreDeleted() throws Exception {
    // Bucket4j dates a row's expiry by the system clock; the once-a-minute sweep goes by ours.
    InMemoryRateLimiterTests.MovableClock clock =
        new InMemoryRateLimiterTests.MovableClock(Instant.now());
    DataSource dataSource = stores.postgresInstance("cleanup");
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    RateLimiter limiter = SharedRateLimiter.postgresql(dataSource, clock, Duration.ZERO);
    RateLimit idle = new RateLimit("calendarEvents", 3, Duration.ofMillis(500));
    limiter.tryConsume(idle, "user:frank");
    assertThat(rows(jdbc, "user:frank")).isEqualTo(1);

    Thread.sleep(1_000);
    clock.advance(Duration.ofMinutes(1));
    limiter.tryConsume(RateLimit.perMinute("calendarEvents", 3), "user:grace");

    long deadline = System.currentTimeMillis() + 10_000;
    while (rows(jdbc, "user:frank") > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertThat(rows(jdbc, "user:frank")).isZero();
    assertThat(rows(jdbc, "user:grace")).isEqualTo(1);
  }

  private static long rows(JdbcTemplate jdbc, String key) {
    return jdbc.queryForObject(
        "select count(*) from rate_limit_bucket where id like ?", Long.class, "%/" + key);
  }

  /** Half the requests on each instance, all released at once; answers how many were allowed. */
  private static long concurrently(RateLimiter a, RateLimiter b, String key, int requests)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> answers = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        RateLimiter instance = i % 2 == 0 ? a : b;
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return instance.tryConsume(LIMIT, key).allowed();
                }));
      }
      start.countDown();
      long allowed = 0;
      for (Future<Boolean> answer : answers) {
        allowed += answer.get() ? 1 : 0;
      }
      return allowed;
    } finally {
      pool.shutdownNow();
    }
  }
}
