package theo.integration.spi;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * An integration's push notifications from Google: what it watches for a person, and how it
 * registers and stops those watches. The platform stores the channels, renews them, authenticates
 * the notifications and turns each into an incremental sync; the integration only talks to Google.
 */
public interface PushSource {

  /** How Google delivers this integration's notifications. */
  PushDelivery delivery();

  /**
   * What to watch for the person, one channel each (e.g. the calendar list and each calendar's
   * events). Stable names: the platform opens channels for new ones and stops the others.
   */
  List<String> resources(UUID userId);

  /**
   * Registers a watch at Google.
   *
   * @throws theo.google.GoogleException when Google refuses it
   */
  PushWatch watch(UUID userId, PushRequest request);

  /** Stops a watch at Google; a watch Google no longer knows counts as stopped. */
  void stop(UUID userId, PushWatch watch);

  /**
   * How often a watch is registered again even when it would last longer (Google recommends daily
   * for Gmail); channels are also renewed shortly before they expire.
   */
  default Duration renewEvery() {
    return Duration.ofDays(7);
  }
}
