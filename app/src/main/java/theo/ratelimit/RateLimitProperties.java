package theo.ratelimit;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code theo.rate-limit.*}: per-limit overrides, and the store every instance counts in ({@code
 * postgresql} by default, {@code redis}, or {@code memory} for one instance alone). Google quota
 * pacing ({@link QuotaBudget}) uses the same store.
 */
@ConfigurationProperties("theo.rate-limit")
record RateLimitProperties(Map<String, Override> limits, Store store) {
  RateLimitProperties {
    limits = limits == null ? Map.of() : Map.copyOf(limits);
    store = store == null ? Store.POSTGRESQL : store;
  }

  /** Overrides one limit; a missing part keeps the reference value. */
  record Override(Long requests, Duration window) {}

  /** Where allowances are counted. */
  enum Store {
    /** The application's database: shared by every instance with nothing more to run. */
    POSTGRESQL,
    /** Redis through Lettuce, configured by Spring Boot's {@code spring.data.redis.*}. */
    REDIS,
    /** This JVM only: each instance counts on its own. */
    MEMORY
  }
}
