package theo.gmail;

import com.google.api.services.gmail.model.WatchResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import theo.google.GoogleNotFoundException;
import theo.integration.spi.PushDelivery;
import theo.integration.spi.PushRequest;
import theo.integration.spi.PushSource;
import theo.integration.spi.PushWatch;

/**
 * Gmail's push: {@code users.watch} publishes every mailbox change to a Pub/Sub topic, whose push
 * subscription posts to Theo naming the mailbox's address. Watched again daily, as Google
 * recommends (a watch lasts seven days).
 */
@Component
record GmailPush(GmailClient client, Clock clock) implements PushSource {
  static final String MAILBOX = "mailbox";

  @Override
  public PushDelivery delivery() {
    return PushDelivery.PUB_SUB;
  }

  @Override
  public List<String> resources(UUID userId) {
    return List.of(MAILBOX);
  }

  @Override
  public PushWatch watch(UUID userId, PushRequest request) {
    if (request.topic() == null) {
      throw new IllegalStateException("Gmail push needs a Pub/Sub topic");
    }
    GmailClient.Mailbox mailbox = client.mailbox(userId);
    String address = mailbox.profile().getEmailAddress();
    WatchResponse watch = mailbox.watch(request.topic());
    Instant expiresAt =
        watch.getExpiration() == null
            ? clock.instant().plus(Duration.ofDays(7))
            : Instant.ofEpochMilli(watch.getExpiration());
    return new PushWatch(request.resource(), request.channelId(), null, address, expiresAt);
  }

  @Override
  public void stop(UUID userId, PushWatch watch) {
    try {
      client.mailbox(userId).stopWatch();
    } catch (GoogleNotFoundException e) {
      // No watch at Google: stopped already.
    }
  }

  @Override
  public Duration renewEvery() {
    return Duration.ofDays(1);
  }
}
