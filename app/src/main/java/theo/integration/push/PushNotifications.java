package theo.integration.push;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import theo.integration.spi.PushDelivery;
import theo.platform.InvalidInputException;
import theo.platform.UnauthenticatedException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates Google's notifications and turns each into a sync request. A web hook notification
 * must name a known, unexpired channel of that integration, carry its token (compared with the
 * stored hash) and a message number above the last one seen; a Pub/Sub push must carry a valid OIDC
 * token and a message id not seen before. Anything else is refused and syncs nothing.
 */
@Service
record PushNotifications(
    PushChannelRepository channels,
    PubSubPushes pubSub,
    PushSyncs syncs,
    PushMetrics metrics,
    JsonMapper json,
    Clock clock) {
  private static final Logger log = LoggerFactory.getLogger(PushNotifications.class);
  private static final String REFUSED_CODE = "NOTIFICATION_REFUSED";

  /** A web hook channel's notification, as Google's headers describe it. */
  void channelNotification(String integration, ChannelHeaders headers) {
    UUID channelId = parseChannelId(headers.channelId());
    PushChannel channel =
        channels
            .find(channelId)
            .filter(found -> found.integration().equals(integration))
            .filter(found -> found.delivery() == PushDelivery.WEB_HOOK)
            .orElseThrow(() -> refused("unknown-channel"));
    if (!ChannelTokens.matches(headers.token(), channel.tokenHash())) {
      throw refused("bad-token");
    }
    if (channel.resourceId() != null && !channel.resourceId().equals(headers.resourceId())) {
      throw refused("bad-resource");
    }
    Instant now = clock.instant();
    if (!channel.activeAt(now)) {
      throw refused("expired");
    }
    long number = parseMessageNumber(headers.messageNumber());
    if (!channels.recordMessage(channel.id(), number, now)) {
      throw refused("replayed");
    }
    metrics.received(integration);
    if ("sync".equals(headers.resourceState())) {
      return; // the channel's opening handshake: nothing changed
    }
    syncs.request(channel.userId(), channel.integration(), now);
  }

  /** A Pub/Sub push: the subscription's OIDC token and the message naming the account. */
  void pubSubPush(@Nullable String authorization, @Nullable PubSubPush push) {
    if (!pubSub.authentic(bearer(authorization))) {
      throw refused("bad-oidc-token");
    }
    if (push == null
        || push.message() == null
        || push.message().messageId() == null
        || push.message().messageId().isBlank()) {
      throw new InvalidInputException("INVALID_NOTIFICATION", "Not a Pub/Sub push message");
    }
    PubSubPush.Message message = push.message();
    String messageId = Objects.requireNonNull(message.messageId());
    MailboxChange change = decode(message.data());
    Instant now = clock.instant();
    if (!channels.firstDelivery(messageId, now)) {
      throw refused("replayed");
    }
    Set<PushChannelRepository.Pending.Key> targets = new LinkedHashSet<>();
    for (PushChannel channel :
        channels.bySubject(Objects.requireNonNull(change.emailAddress()), now)) {
      channels.notified(channel.id(), now);
      targets.add(new PushChannelRepository.Pending.Key(channel.userId(), channel.integration()));
    }
    if (targets.isEmpty()) {
      // Authentic but for no open watch (disconnected meanwhile): acknowledged, nothing synced.
      metrics.rejected("no-watch");
      return;
    }
    Instant changedAt = publishTime(message.publishTime(), now);
    for (PushChannelRepository.Pending.Key target : targets) {
      metrics.received(target.integration());
      syncs.request(target.userId(), target.integration(), changedAt);
    }
  }

  private MailboxChange decode(@Nullable String data) {
    try {
      byte[] bytes = Base64.getDecoder().decode(data == null ? "" : data.trim());
      MailboxChange change =
          json.readValue(new String(bytes, StandardCharsets.UTF_8), MailboxChange.class);
      if (change.emailAddress() == null || change.emailAddress().isBlank()) {
        throw new InvalidInputException("INVALID_NOTIFICATION", "The message names no account");
      }
      return change;
    } catch (IllegalArgumentException | JacksonException e) {
      throw new InvalidInputException("INVALID_NOTIFICATION", "The message data is not readable");
    }
  }

  private UUID parseChannelId(@Nullable String value) {
    if (value == null) {
      throw refused("no-channel");
    }
    try {
      return UUID.fromString(value.trim());
    } catch (IllegalArgumentException e) {
      throw refused("unknown-channel");
    }
  }

  private long parseMessageNumber(@Nullable String value) {
    try {
      return Long.parseLong(value == null ? "" : value.trim());
    } catch (NumberFormatException e) {
      throw refused("no-message-number");
    }
  }

  private static Instant publishTime(@Nullable String value, Instant now) {
    if (value == null) {
      return now;
    }
    try {
      Instant published = Instant.parse(value);
      return published.isAfter(now) ? now : published;
    } catch (DateTimeParseException e) {
      return now;
    }
  }

  private static @Nullable String bearer(@Nullable String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return authorization.substring(7).trim();
  }

  private UnauthenticatedException refused(String reason) {
    metrics.rejected(reason);
    log.info("Push notification refused: {}", reason);
    return new UnauthenticatedException(REFUSED_CODE, "This notification is not accepted");
  }

  /** Google's channel headers ({@code X-Goog-*}). */
  record ChannelHeaders(
      @Nullable String channelId,
      @Nullable String token,
      @Nullable String resourceId,
      @Nullable String resourceState,
      @Nullable String messageNumber) {

    @Override
    public String toString() {
      return "ChannelHeaders[channelId=" + channelId + ", token=***]";
    }
  }

  /** Pub/Sub's push body. */
  record PubSubPush(@Nullable Message message, @Nullable String subscription) {
    record Message(
        @Nullable String data, @Nullable String messageId, @Nullable String publishTime) {}
  }

  /** What Gmail publishes: the mailbox and its new history id. */
  record MailboxChange(@Nullable String emailAddress, @Nullable Object historyId) {}
}
