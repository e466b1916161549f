package theo.integration.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import theo.GoogleBrowser;
import theo.TestAccounts;
import theo.TheoTest;
import theo.emulator.GoogleEmulator;
import theo.google.GoogleApis;

/**
 * Live updates against the embedded emulator, nobody pressing sync: connecting opens the watches,
 * an email delivered or an event created at Google is readable through Theo's API seconds later,
 * and disconnecting stops the channels at Google.
 */
@TheoTest
@TestPropertySource(properties = "theo.test.push=true")
class PushEndToEndTests {
  private static final Duration FEW_SECONDS = Duration.ofSeconds(15);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Autowired GoogleEmulator emulator;
  @Autowired JdbcClient jdbc;
  @Autowired GoogleApis google;
  @Autowired PushJobs jobs;

  @Test
  void eventCreatedAtGoogleWhenConnectedThenReadableThroughTheoWithoutSync() throws Exception {
    Connected user = connect("calendar");
    String title = "Pushed " + UUID.randomUUID();
    Instant start = Instant.now().plus(Duration.ofDays(1));

    google
        .calendar(user.userId())
        .events()
        .insert(
            "primary",
            new Event()
                .setSummary(title)
                .setStart(new EventDateTime().setDateTime(new DateTime(start.toEpochMilli())))
                .setEnd(
                    new EventDateTime()
                        .setDateTime(new DateTime(start.plusSeconds(3600).toEpochMilli()))))
        .execute();

    Awaitility.await()
        .atMost(FEW_SECONDS)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                user.browser()
                    .get("/api/integrations/calendar/events?query=" + encode(title))
                    .body()
                    .contains(title));
    assertThat(runs(user.userId(), "push")).isPositive();
    assertThat(runs(user.userId(), "manual")).isZero();
  }

  @Test
  void emailDeliveredAtGoogleWhenConnectedThenReadableThroughTheoWithoutSync() throws Exception {
    Connected user = connect("gmail");
    String subject = "Pushed " + UUID.randomUUID();

    admin(
        "POST",
        "/emulator/accounts/" + user.email() + "/gmail/messages",
        "{\"from\":\"carol@example.net\",\"to\":\""
            + user.email()
            + "\",\"subject\":\""
            + subject
            + "\",\"body\":\"Hello\"}");

    Awaitility.await()
        .atMost(FEW_SECONDS)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                user.browser()
                    .get("/api/integrations/gmail/messages?q=" + encode(subject))
                    .body()
                    .contains(subject));
    assertThat(runs(user.userId(), "push")).isPositive();
    assertThat(runs(user.userId(), "manual")).isZero();
  }

  @Test
  void disconnectWhenChannelsOpenThenGoogleStopsThem() throws Exception {
    Connected user = connect("calendar");
    assertThat(admin("GET", "/emulator/push/channels?account=" + user.email(), null))
        .contains("\"id\"");

    assertThat(user.browser().delete("/api/integrations/calendar/disconnect").status())
        .isEqualTo(200);

    assertThat(channels(user.userId(), "calendar")).isZero();
    assertThat(admin("GET", "/emulator/push/channels?account=" + user.email(), null))
        .doesNotContain("\"id\"");
  }

  @Test
  void renewalWhenChannelsDueThenNewChannelsReplaceThemAtGoogle() throws Exception {
    Connected user = connect("calendar");
    List<UUID> before = channelIds(user.userId());
    jdbc.sql("update push_channels set renew_at = now() - interval '1 second' where user_id = ?")
        .param(user.userId())
        .update();

    jobs.maintain();

    List<UUID> after = channelIds(user.userId());
    assertThat(after).hasSameSizeAs(before).doesNotContainAnyElementsOf(before);
    String atGoogle = admin("GET", "/emulator/push/channels?account=" + user.email(), null);
    after.forEach(id -> assertThat(atGoogle).contains(id.toString()));
    before.forEach(id -> assertThat(atGoogle).doesNotContain(id.toString()));
  }

  private List<UUID> channelIds(UUID userId) {
    return jdbc.sql("select id from push_channels where user_id = ?")
        .param(userId)
        .query(UUID.class)
        .list();
  }

  private record Connected(String email, UUID userId, GoogleBrowser browser) {}

  /** A new account signed in, the integration connected, its first sync over, watches open. */
  private Connected connect(String integration) {
    String email = new TestAccounts(emulator, jdbc).create("push");
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);
    assertThat(browser.connect(integration, email, Set.of())).doesNotContain("error");
    browser.awaitSyncEnded(integration);
    UUID userId = new TestAccounts(emulator, jdbc).userIdOf(email);
    Awaitility.await()
        .atMost(FEW_SECONDS)
        .until(() -> channels(userId, integration) >= ("calendar".equals(integration) ? 2 : 1));
    return new Connected(email, userId, browser);
  }

  private long channels(UUID userId, String integration) {
    return jdbc.sql(
            "select count(*) from push_channels where user_id = ? and integration = ?"
                + " and (resource_id is not null or subject is not null)")
        .params(userId, integration)
        .query(Long.class)
        .single();
  }

  private long runs(UUID userId, String trigger) {
    return jdbc.sql("select count(*) from sync_runs where user_id = ? and trigger = ?")
        .params(userId, trigger)
        .query(Long.class)
        .single();
  }

  private String admin(String method, String path, String json) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    return response.body();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
