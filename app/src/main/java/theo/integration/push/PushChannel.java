package theo.integration.push;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import theo.integration.spi.PushDelivery;
import theo.integration.spi.PushWatch;

/**
 * An open watch channel as stored: whose it is, what it watches, its token's SHA-256 hash (web
 * hooks), the account Pub/Sub names (Pub/Sub), when it expires and is renewed, and the last
 * notification.
 */
record PushChannel(
    UUID id,
    UUID userId,
    String integration,
    String resource,
    PushDelivery delivery,
    byte @Nullable [] tokenHash,
    @Nullable String subject,
    @Nullable String resourceId,
    Instant createdAt,
    Instant expiresAt,
    Instant renewAt,
    long lastMessageNumber,
    @Nullable Instant lastNotifiedAt,
    @Nullable Instant missedAt) {

  boolean activeAt(Instant now) {
    return expiresAt.isAfter(now);
  }

  /** Active, and no change found by polling went unannounced since the last notification. */
  boolean healthyAt(Instant now) {
    return activeAt(now)
        && (missedAt == null || (lastNotifiedAt != null && lastNotifiedAt.isAfter(missedAt)));
  }

  PushWatch asWatch() {
    return new PushWatch(resource, id.toString(), resourceId, subject, expiresAt);
  }
}
