package theo.integration;

import java.time.Duration;
import java.util.UUID;

/** Chooses the time to a user's next recurring sync (push notifications relax it). */
public interface RecurringInterval {
  Duration next(UUID userId, String integration, Duration normal);
}
