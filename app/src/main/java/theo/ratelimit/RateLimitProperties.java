package theo.ratelimit;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code theo.rate-limit.*}: per-limit overrides, and the Redis URL that will make limits shared
 * across instances (not yet supported: limits are per instance).
 */
@ConfigurationProperties("theo.rate-limit")
record RateLimitProperties(Map<String, Override> limits, String redisUrl) {
  RateLimitProperties {
    limits = limits == null ? Map.of() : Map.copyOf(limits);
  }

  /** Overrides one limit; a missing part keeps the reference value. */
  record Override(Long requests, Duration window) {}
}
