package theo.integration.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.mock.env.MockEnvironment;
import theo.platform.GoogleEndpoints;

/**
 * A Pub/Sub push token counts only when Google's keys signed it for Theo's audience, from Google's
 * issuer, as the subscription's service account, and it has not expired.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PubSubPushesTests {
  private static final String AUDIENCE = "https://theo.example.com/api/webhooks/google/pubsub";
  private static final String ISSUER = "https://accounts.google.com";
  private static final String ACCOUNT = "push@project.iam.gserviceaccount.com";

  private HttpServer jwksServer;
  private PubSubTokens google;
  private PubSubPushes pushes;

  @BeforeAll
  void serveGoogleKeys() throws Exception {
    google = PubSubTokens.generate();
    byte[] jwks = google.jwks().getBytes(StandardCharsets.UTF_8);
    jwksServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    jwksServer.createContext(
        "/certs",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, jwks.length);
          exchange.getResponseBody().write(jwks);
          exchange.close();
        });
    jwksServer.start();
    String jwksUri = "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/certs";
    PushProperties properties =
        new PushProperties(
            true,
            "https://theo.example.com",
            Duration.ofMinutes(30),
            Duration.ofMinutes(1),
            Duration.ofMillis(500),
            Duration.ofSeconds(10),
            Duration.ofDays(7),
            new PushProperties.PubSub("projects/p/topics/gmail", null, ACCOUNT, null, jwksUri));
    GoogleEndpoints endpoints = GoogleEndpoints.google("client", "secret");
    pushes =
        new PubSubPushes(
            properties,
            endpoints,
            new PushAddress(properties, endpoints, new MockEnvironment()),
            Clock.systemUTC());
  }

  @AfterAll
  void stopServer() {
    jwksServer.stop(0);
  }

  @Test
  void authenticWhenGoogleSignedItForTheoThenAccepted() throws Exception {
    assertThat(pushes.authentic(google.sign(AUDIENCE, ISSUER, ACCOUNT, inAnHour()))).isTrue();
  }

  @Test
  void authenticWhenSignedByAnotherKeyThenRefused() throws Exception {
    PubSubTokens stranger = PubSubTokens.generate();
    assertThat(pushes.authentic(stranger.sign(AUDIENCE, ISSUER, ACCOUNT, inAnHour()))).isFalse();
  }

  @Test
  void authenticWhenForAnotherAudienceThenRefused() throws Exception {
    String token = google.sign("https://elsewhere.example.com/push", ISSUER, ACCOUNT, inAnHour());
    assertThat(pushes.authentic(token)).isFalse();
  }

  @Test
  void authenticWhenFromAnotherIssuerThenRefused() throws Exception {
    String token = google.sign(AUDIENCE, "https://issuer.example.com", ACCOUNT, inAnHour());
    assertThat(pushes.authentic(token)).isFalse();
  }

  @Test
  void authenticWhenAnotherServiceAccountThenRefused() throws Exception {
    String token =
        google.sign(AUDIENCE, ISSUER, "someone@project.iam.gserviceaccount.com", inAnHour());
    assertThat(pushes.authentic(token)).isFalse();
  }

  @Test
  void authenticWhenExpiredThenRefused() throws Exception {
    String token =
        google.sign(AUDIENCE, ISSUER, ACCOUNT, Instant.now().minus(Duration.ofMinutes(10)));
    assertThat(pushes.authentic(token)).isFalse();
  }

  @Test
  void authenticWhenMissingOrGarbageThenRefused() {
    assertThat(pushes.authentic(null)).isFalse();
    assertThat(pushes.authentic("")).isFalse();
    assertThat(pushes.authentic("a.b.c")).isFalse();
  }

  private static Instant inAnHour() {
    return Instant.now().plus(Duration.ofHours(1));
  }
}
