package theo.emulator.push;

import java.net.URI;

/**
 * A Pub/Sub push subscription: messages published to {@code topic} are posted to {@code
 * pushEndpoint} with an OIDC token for {@code audience} (the endpoint when not set) naming {@code
 * serviceAccountEmail}.
 */
public record PushSubscription(
    String name, String topic, URI pushEndpoint, String audience, String serviceAccountEmail) {

  public static final String DEFAULT_SERVICE_ACCOUNT =
      "pubsub-push@theo-local.iam.gserviceaccount.com";

  public PushSubscription {
    if (name == null || !name.matches("projects/[^/]+/subscriptions/[^/]+")) {
      throw new IllegalArgumentException(
          "name must look like projects/{project}/subscriptions/{subscription}");
    }
    if (topic == null || !PubSub.isTopicName(topic)) {
      throw new IllegalArgumentException("topic must look like projects/{project}/topics/{topic}");
    }
    if (pushEndpoint == null
        || !pushEndpoint.isAbsolute()
        || !("http".equals(pushEndpoint.getScheme()) || "https".equals(pushEndpoint.getScheme()))) {
      throw new IllegalArgumentException("pushEndpoint must be an absolute http(s) URL");
    }
    if (audience == null || audience.isBlank()) {
      audience = pushEndpoint.toString();
    }
    if (serviceAccountEmail == null || serviceAccountEmail.isBlank()) {
      serviceAccountEmail = DEFAULT_SERVICE_ACCOUNT;
    }
  }
}
