package theo.integration.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Push meters: notifications received (per integration), rejected (per reason), coalesced into a
 * sync already pending, and the time from a change at Google to its sync having stored it.
 */
@Component
class PushMetrics {
  private final MeterRegistry registry;
  private final Counter coalesced;
  private final Timer freshness;

  PushMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.coalesced =
        Counter.builder("theo.push.notifications.coalesced")
            .description("Notifications folded into a sync already pending")
            .register(registry);
    this.freshness =
        Timer.builder("theo.push.freshness")
            .description("From a change at Google to its push sync having stored it")
            .publishPercentileHistogram()
            .publishPercentiles(0.5, 0.95, 0.99)
            .minimumExpectedValue(Duration.ofMillis(50))
            .maximumExpectedValue(Duration.ofMinutes(5))
            .register(registry);
  }

  void received(String integration) {
    Counter.builder("theo.push.notifications.received")
        .description("Authenticated push notifications")
        .tag("integration", integration)
        .register(registry)
        .increment();
  }

  void rejected(String reason) {
    Counter.builder("theo.push.notifications.rejected")
        .description("Push notifications refused (forged, unknown, expired, replayed)")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  void coalesced() {
    coalesced.increment();
  }

  void stored(Duration sinceChange) {
    freshness.record(sinceChange.isNegative() ? Duration.ZERO : sinceChange);
  }
}
