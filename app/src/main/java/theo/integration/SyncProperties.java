package theo.integration;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code theo.sync.*}: time between recurring syncs of a connected integration ({@code interval}, 5
 * min), how often a running sync marks itself alive ({@code heartbeat}, 5 s), and after how long
 * without a heartbeat its process counts as gone and the run is resumed ({@code orphaned-after}, 30
 * s).
 */
@ConfigurationProperties("theo.sync")
record SyncProperties(Duration interval, Duration heartbeat, Duration orphanedAfter) {
  SyncProperties {
    interval = positive(interval, Duration.ofMinutes(5), "interval");
    heartbeat = positive(heartbeat, Duration.ofSeconds(5), "heartbeat");
    orphanedAfter = positive(orphanedAfter, Duration.ofSeconds(30), "orphaned-after");
    if (orphanedAfter.compareTo(heartbeat.multipliedBy(3)) < 0) {
      throw new IllegalArgumentException(
          "theo.sync.orphaned-after must be at least three heartbeats");
    }
  }

  private static Duration positive(Duration value, Duration fallback, String name) {
    Duration duration = value == null ? fallback : value;
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("theo.sync." + name + " must be positive");
    }
    return duration;
  }
}
