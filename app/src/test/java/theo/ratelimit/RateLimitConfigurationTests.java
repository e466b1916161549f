package theo.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * {@code theo.rate-limit.store} picks where limits and quotas are counted, and nothing else runs.
 */
class RateLimitConfigurationTests {
  private static final SharedStores stores = new SharedStores();

  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withUserConfiguration(RateLimitConfiguration.class, RateLimits.class)
          .withBean(Clock.class, Clock::systemUTC);

  @AfterAll
  static void stopStores() throws Exception {
    stores.close();
  }

  @Test
  void storeWhenUnsetThenPostgresqlAndNoRedisClient() {
    DataSource database = stores.postgresInstance("default-store");
    runner
        .withBean(DataSource.class, () -> database)
        .run(
            context -> {
              assertThat(context).hasSingleBean(SharedRateLimiter.class);
              assertThat(context).hasSingleBean(JdbcQuotaBudget.class);
              assertThat(context).doesNotHaveBean(RedisClient.class);
              assertThat(
                      context
                          .getBean(RateLimiter.class)
                          .tryConsume(RateLimit.perMinute("gmailSync", 2), "user:default")
                          .remaining())
                  .isEqualTo(1);
            });
  }

  @Test
  void storeWhenRedisThenSpringDataRedisUrlIsUsed() {
    int port = stores.redisPort();
    runner
        .withPropertyValues(
            "theo.rate-limit.store=redis", "spring.data.redis.url=redis://127.0.0.1:" + port)
        .run(
            context -> {
              assertThat(context).hasSingleBean(SharedRateLimiter.class);
              assertThat(context).hasSingleBean(RedisQuotaBudget.class);
              RateLimiter limiter = context.getBean(RateLimiter.class);
              limiter.tryConsume(RateLimit.perMinute("gmailSync", 2), "user:redis-config");
              assertThat(
                      limiter
                          .tryConsume(RateLimit.perMinute("gmailSync", 2), "user:redis-config")
                          .remaining())
                  .isZero();
              Quota quota = Quota.perMinute("redisConfig", 10);
              context.getBean(QuotaBudget.class).reserve(List.of(quota.claim("k", 3))).close();
            });
  }

  @Test
  void storeWhenMemoryThenNeitherDatabaseNorRedis() {
    runner
        .withPropertyValues("theo.rate-limit.store=memory")
        .run(
            context -> {
              assertThat(context).hasSingleBean(InMemoryRateLimiter.class);
              assertThat(context).hasSingleBean(InMemoryQuotaBudget.class);
              assertThat(context).doesNotHaveBean(RedisClient.class);
            });
  }
}
