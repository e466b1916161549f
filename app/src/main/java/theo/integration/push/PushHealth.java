package theo.integration.push;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import theo.integration.RecurringInterval;

/**
 * Whether push is healthy for a person's integration: an open channel, none expired, and no change
 * that polling found but no notification announced since. While healthy the recurring sync relaxes
 * to {@code theo.push.relaxed-interval}; otherwise it runs at its normal interval.
 */
@Component
record PushHealth(PushChannelRepository channels, PushProperties properties, Clock clock)
    implements RecurringInterval {
  @Override
  public Duration next(UUID userId, String integration, Duration normal) {
    if (!live(userId, integration)) {
      return normal;
    }
    return properties.relaxedInterval().compareTo(normal) > 0
        ? properties.relaxedInterval()
        : normal;
  }

  boolean live(UUID userId, String integration) {
    return live(channels.channels(userId, integration), clock.instant());
  }

  static boolean live(List<PushChannel> open, Instant now) {
    return !open.isEmpty() && open.stream().allMatch(channel -> channel.healthyAt(now));
  }

  /** What the sync panel shows. */
  PushStatus status(UUID userId, String integration) {
    List<PushChannel> open = channels.channels(userId, integration);
    @Nullable Instant last =
        open.stream()
            .map(PushChannel::lastNotifiedAt)
            .filter(at -> at != null)
            .max(Instant::compareTo)
            .orElse(null);
    return new PushStatus(live(open, clock.instant()), last);
  }

  /**
   * "Live updates" on or off, and when the last notification arrived.
   *
   * @param live push healthy: changes arrive within seconds
   */
  record PushStatus(boolean live, @Nullable Instant lastNotificationAt) {}
}
