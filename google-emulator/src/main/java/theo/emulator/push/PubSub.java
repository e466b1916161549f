package theo.emulator.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A minimal Cloud Pub/Sub: push subscriptions (set through the admin API) and publishing. Each
 * message published to a topic is posted to every push subscription of that topic, in Pub/Sub's
 * push body, with {@code Authorization: Bearer} an OIDC token signed by the emulator's key.
 * Messages to a topic without subscriptions are lost, as in Pub/Sub.
 */
public final class PubSub {
  /** Pub/Sub's push tokens live an hour. */
  static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

  private final Clock clock;
  private final PushDispatcher dispatcher;
  private final Supplier<String> issuer;
  private final Supplier<JwtSigner> signer;
  private final Map<String, PushSubscription> subscriptions = new ConcurrentHashMap<>();
  private final AtomicLong messageIds = new AtomicLong(1_000_000_000_000L);

  public PubSub(
      Clock clock, PushDispatcher dispatcher, Supplier<String> issuer, Supplier<JwtSigner> signer) {
    this.clock = clock;
    this.dispatcher = dispatcher;
    this.issuer = issuer;
    this.signer = signer;
  }

  static boolean isTopicName(String name) {
    return name != null && name.matches("projects/[^/]+/topics/[^/]+");
  }

  public void subscribe(PushSubscription subscription) {
    subscriptions.put(subscription.name(), subscription);
  }

  public Optional<PushSubscription> remove(String name) {
    return Optional.ofNullable(subscriptions.remove(name));
  }

  public List<PushSubscription> subscriptions() {
    return new ArrayList<>(subscriptions.values());
  }

  public void clear() {
    subscriptions.clear();
  }

  /**
   * Publishes {@code data} to {@code topic} on behalf of {@code account} (the account only chooses
   * the per-account push behaviour); returns the message id.
   */
  public String publish(String topic, String account, byte[] data, Map<String, String> attributes) {
    String messageId = Long.toString(messageIds.incrementAndGet());
    Instant published = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    for (PushSubscription subscription : subscriptions.values()) {
      if (subscription.topic().equals(topic)) {
        dispatcher.send(
            new PushMessage(
                subscription.name(),
                account,
                subscription.pushEndpoint(),
                Map.of(
                    "Content-Type",
                    "application/json",
                    "Authorization",
                    "Bearer " + token(subscription, published)),
                body(subscription, messageId, published, data, attributes)));
      }
    }
    return messageId;
  }

  /** The push body as Pub/Sub posts it: both the camelCase and the snake_case field names. */
  private static byte[] body(
      PushSubscription subscription,
      String messageId,
      Instant published,
      byte[] data,
      Map<String, String> attributes) {
    Map<String, Object> message = new LinkedHashMap<>();
    if (attributes != null && !attributes.isEmpty()) {
      message.put("attributes", attributes);
    }
    message.put("data", Base64.getEncoder().encodeToString(data));
    message.put("messageId", messageId);
    message.put("message_id", messageId);
    message.put("publishTime", published.toString());
    message.put("publish_time", published.toString());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", message);
    body.put("subscription", subscription.name());
    return new com.google.gson.Gson().toJson(body).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The OIDC token Pub/Sub attaches: issued by the emulator's issuer (Google's is {@code
   * https://accounts.google.com}), for the subscription's audience, naming its service account.
   */
  private String token(PushSubscription subscription, Instant now) {
    String subject = serviceAccountId(subscription.serviceAccountEmail());
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer.get());
    claims.put("aud", subscription.audience());
    claims.put("azp", subject);
    claims.put("sub", subject);
    claims.put("email", subscription.serviceAccountEmail());
    claims.put("email_verified", true);
    claims.put("iat", now.getEpochSecond());
    claims.put("exp", now.plus(TOKEN_LIFETIME).getEpochSecond());
    return signer.get().sign(claims);
  }

  /** A service account's stable 21-digit numeric id, derived from its email. */
  static String serviceAccountId(String email) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(email.getBytes(StandardCharsets.UTF_8));
      StringBuilder id = new StringBuilder("1");
      for (int i = 0; id.length() < 21; i++) {
        id.append((digest[i] & 0xff) % 10);
      }
      return id.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
