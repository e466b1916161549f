package theo.integration.push;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import theo.platform.GoogleEndpoints;
import tools.jackson.databind.json.JsonMapper;

/**
 * With the emulator, what an operator sets up in Google Cloud for real Google: the Pub/Sub push
 * subscription from Gmail's topic to Theo's endpoint, created through the emulator's admin API once
 * the server listens (the endpoint carries its port).
 */
@Component
record EmulatorSubscription(
    GoogleEndpoints google, PushAddress address, PubSubPushes pubSub, JsonMapper json) {
  static final String NAME = "projects/theo-local/subscriptions/theo-gmail-push";
  private static final Logger log = LoggerFactory.getLogger(EmulatorSubscription.class);

  @EventListener(ApplicationReadyEvent.class)
  void subscribe() {
    if (!google.emulated() || !address.enabled() || !pubSub.configured()) {
      return;
    }
    String body =
        json.writeValueAsString(
            Map.of(
                "name", NAME,
                "topic", pubSub.topic(),
                "pushEndpoint", address.pubSub(),
                "audience", pubSub.audience(),
                "serviceAccountEmail", pubSub.serviceAccount()));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(google.issuerUri() + "/emulator/pubsub/subscriptions"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      int status =
          HttpClient.newHttpClient()
              .send(request, HttpResponse.BodyHandlers.discarding())
              .statusCode();
      if (status / 100 != 2) {
        log.warn("The emulator refused Gmail's push subscription (HTTP {})", status);
      }
    } catch (IOException e) {
      log.warn("Could not set up Gmail's push subscription at the emulator: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
