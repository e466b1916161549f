package theo.calendar;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code theo.calendar.*}: the window a full sync fetches ({@code sync.window-past}, 30 days;
 * {@code sync.window-future}, 365 days) and Google's per-user Calendar quota the client paces
 * itself below ({@code quota.requests-per-minute}, 600 as Google's default).
 */
@ConfigurationProperties("theo.calendar")
record CalendarProperties(Sync sync, Quota quota) {

  @SuppressWarnings("NullAway") // Spring binds what is not configured as null; defaults here
  CalendarProperties {
    sync = sync == null ? new Sync(null, null) : sync;
    quota = quota == null ? new Quota(0) : quota;
  }

  /** The events window of a full sync, relative to when it starts. */
  record Sync(Duration windowPast, Duration windowFuture) {
    @SuppressWarnings("NullAway")
    Sync {
      windowPast = windowPast == null ? Duration.ofDays(30) : windowPast;
      windowFuture = windowFuture == null ? Duration.ofDays(365) : windowFuture;
      if (windowPast.isNegative() || windowFuture.isNegative() || windowFuture.isZero()) {
        throw new IllegalArgumentException("theo.calendar.sync window must not be negative");
      }
    }
  }

  /**
   * Google's quota per user per minute; the shared budget never lets more through in any minute.
   */
  record Quota(int requestsPerMinute) {
    Quota {
      requestsPerMinute = requestsPerMinute <= 0 ? 600 : requestsPerMinute;
    }
  }
}
