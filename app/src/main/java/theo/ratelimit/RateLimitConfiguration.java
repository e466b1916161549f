package theo.ratelimit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires the limit registry, the store of {@code theo.rate-limit.store} and the MVC interceptor. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration implements WebMvcConfigurer {
  private static final String STORE = "theo.rate-limit.store";

  private final RateLimits limits;
  private final RateLimiter limiter;
  private final MeterRegistry meters;

  RateLimitConfiguration(
      RateLimits limits, RateLimiter limiter, ObjectProvider<MeterRegistry> meters) {
    this.limits = limits;
    this.limiter = limiter;
    this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new RateLimitInterceptor(limits, limiter, meters));
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = STORE, havingValue = "postgresql", matchIfMissing = true)
  static class PostgresqlStore {
    @Bean
    RateLimiter postgresqlRateLimiter(DataSource dataSource, Clock clock) {
      return SharedRateLimiter.postgresql(dataSource, clock);
    }

    @Bean
    QuotaBudget postgresqlQuotaBudget(DataSource dataSource, Clock clock) {
      return new JdbcQuotaBudget(dataSource, clock);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = STORE, havingValue = "redis")
  @EnableConfigurationProperties(RedisSettings.class)
  static class RedisStore {
    @Bean(destroyMethod = "shutdown")
    RedisClient rateLimitRedisClient(RedisSettings settings) {
      return RedisClient.create(settings.uri());
    }

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, byte[]> rateLimitRedisConnection(RedisClient client) {
      return client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    }

    @Bean
    RateLimiter redisRateLimiter(StatefulRedisConnection<String, byte[]> connection, Clock clock) {
      return SharedRateLimiter.redis(connection, clock);
    }

    @Bean
    QuotaBudget redisQuotaBudget(StatefulRedisConnection<String, byte[]> connection, Clock clock) {
      return new RedisQuotaBudget(connection, clock);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = STORE, havingValue = "memory")
  static class MemoryStore {
    @Bean
    RateLimiter inMemoryRateLimiter(Clock clock) {
      return new InMemoryRateLimiter(clock);
    }

    @Bean
    QuotaBudget inMemoryQuotaBudget(Clock clock) {
      return new InMemoryQuotaBudget(clock);
    }
  }
}
