package theo.integration.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import theo.TheoTest;
import theo.integration.spi.PushDelivery;

/**
 * The web hook endpoints accept only what Google sent for a live channel: a forged token, an
 * unknown or expired channel, a replayed message, or a Pub/Sub push without a valid OIDC token is
 * refused with 401 and syncs nothing.
 */
@TheoTest
class PushWebhookTests {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Autowired PushChannelRepository channels;
  @Autowired JdbcClient jdbc;

  @Test
  void channelNotificationWhenTokenAndNumberValidThenAcceptedAndSynced() throws Exception {
    Channel channel = openChannel(Duration.ofHours(1));

    assertThat(post(channel.headers("exists", 2))).isEqualTo(204);

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pushRuns(channel.userId()) == 1);
  }

  @Test
  void channelNotificationWhenSyncHandshakeThenAcceptedButNothingSynced() throws Exception {
    Channel channel = openChannel(Duration.ofHours(1));

    assertThat(post(channel.headers("sync", 1))).isEqualTo(204);

    assertNothingSynced(channel.userId());
  }

  @Test
  void channelNotificationWhenTokenForgedThenRefusedAndNothingSynced() throws Exception {
    Channel channel = openChannel(Duration.ofHours(1));
    List<String> forged = channel.headers("exists", 2);
    forged.set(forged.indexOf(channel.token()), ChannelTokens.newToken());

    assertThat(post(forged)).isEqualTo(401);
    assertThat(post(without(channel.headers("exists", 3), "X-Goog-Channel-Token"))).isEqualTo(401);

    assertNothingSynced(channel.userId());
  }

  @Test
  void channelNotificationWhenChannelUnknownThenRefusedAndNothingSynced() throws Exception {
    Channel channel = openChannel(Duration.ofHours(1));
    List<String> unknown = channel.headers("exists", 2);
    unknown.set(unknown.indexOf(channel.id().toString()), UUID.randomUUID().toString());

    assertThat(post(unknown)).isEqualTo(401);
    assertThat(post(without(channel.headers("exists", 3), "X-Goog-Channel-ID"))).isEqualTo(401);
    assertThat(postTo("gmail", channel.headers("exists", 4))).isEqualTo(401);

    assertNothingSynced(channel.userId());
  }

  @Test
  void channelNotificationWhenChannelExpiredThenRefusedAndNothingSynced() throws Exception {
    Channel channel = openChannel(Duration.ofSeconds(-1));

    assertThat(post(channel.headers("exists", 2))).isEqualTo(401);

    assertNothingSynced(channel.userId());
  }

  @Test
  void channelNotificationWhenReplayedThenRefusedAndSyncedOnce() throws Exception {
    Channel channel = openChannel(Duration.ofHours(1));
    assertThat(post(channel.headers("exists", 5))).isEqualTo(204);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> pushRuns(channel.userId()) == 1 && !pending(channel.userId()));

    assertThat(post(channel.headers("exists", 5))).isEqualTo(401);
    assertThat(post(channel.headers("exists", 4))).isEqualTo(401);

    Thread.sleep(300);
    assertThat(pending(channel.userId())).isFalse();
    assertThat(pushRuns(channel.userId())).isEqualTo(1);
  }

  @Test
  void pubSubPushWhenTokenMissingOrNotSignedByGoogleThenRefusedAndNothingSynced() throws Exception {
    UUID userId = openPubSubChannel("box-" + UUID.randomUUID() + "@example.com");
    String address =
        jdbc.sql("select subject from push_channels where user_id = ?")
            .param(userId)
            .query(String.class)
            .single();
    String body = PubSubTokens.pushBody(address, UUID.randomUUID().toString());

    assertThat(postPubSub(null, body)).isEqualTo(401);
    assertThat(postPubSub("Bearer not-a-jwt", body)).isEqualTo(401);
    PubSubTokens strangers = PubSubTokens.generate();
    String forged =
        strangers.sign(
            "http://127.0.0.1:" + port + PushAddress.PUB_SUB_PATH,
            "https://accounts.google.com",
            PubSubPushes.EMULATOR_SERVICE_ACCOUNT,
            Instant.now().plusSeconds(600));
    assertThat(postPubSub("Bearer " + forged, body)).isEqualTo(401);

    assertNothingSynced(userId);
  }

  private void assertNothingSynced(UUID userId) throws InterruptedException {
    Thread.sleep(300);
    assertThat(pending(userId)).isFalse();
    assertThat(pushRuns(userId)).isZero();
  }

  private record Channel(UUID id, UUID userId, String token, String resourceId) {
    List<String> headers(String state, long number) {
      return new ArrayList<>(
          List.of(
              "X-Goog-Channel-ID", id.toString(),
              "X-Goog-Channel-Token", token,
              "X-Goog-Resource-ID", resourceId,
              "X-Goog-Resource-State", state,
              "X-Goog-Message-Number", Long.toString(number)));
    }
  }

  private Channel openChannel(Duration expiresIn) {
    UUID id = UUID.randomUUID();
    UUID userId = UUID.randomUUID();
    String token = ChannelTokens.newToken();
    Instant now = Instant.now();
    channels.insert(
        new PushChannel(
            id,
            userId,
            "calendar",
            "events:primary",
            PushDelivery.WEB_HOOK,
            ChannelTokens.hash(token),
            null,
            "resource-" + id,
            now,
            now.plus(expiresIn),
            now.plus(Duration.ofDays(1)),
            0,
            null,
            null));
    return new Channel(id, userId, token, "resource-" + id);
  }

  private UUID openPubSubChannel(String address) {
    UUID userId = UUID.randomUUID();
    Instant now = Instant.now();
    channels.insert(
        new PushChannel(
            UUID.randomUUID(),
            userId,
            "gmail",
            "mailbox",
            PushDelivery.PUB_SUB,
            null,
            address,
            null,
            now,
            now.plus(Duration.ofDays(7)),
            now.plus(Duration.ofDays(1)),
            0,
            null,
            null));
    return userId;
  }

  private static List<String> without(List<String> headers, String name) {
    int at = headers.indexOf(name);
    headers.remove(at + 1);
    headers.remove(at);
    return headers;
  }

  private int post(List<String> headers) throws Exception {
    return postTo("calendar", headers);
  }

  private int postTo(String integration, List<String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + PushAddress.WEB_HOOK_PATH + integration))
            .POST(HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.size(); i += 2) {
      request.header(headers.get(i), headers.get(i + 1));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private int postPubSub(String authorization, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PushAddress.PUB_SUB_PATH))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private long pushRuns(UUID userId) {
    return jdbc.sql("select count(*) from sync_runs where user_id = ? and trigger = 'push'")
        .param(userId)
        .query(Long.class)
        .single();
  }

  private boolean pending(UUID userId) {
    return jdbc.sql("select count(*) from push_pending where user_id = ?")
            .param(userId)
            .query(Long.class)
            .single()
        > 0;
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes());
  }
}
