package theo.integration;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code theo.sync.interval}: time between recurring syncs of a connected integration (5 min). */
@ConfigurationProperties("theo.sync")
record SyncProperties(Duration interval) {
  SyncProperties {
    if (interval == null) {
      interval = Duration.ofMinutes(5);
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("theo.sync.interval must be positive");
    }
  }
}
