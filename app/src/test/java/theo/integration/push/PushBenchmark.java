package theo.integration.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import theo.GoogleBrowser;
import theo.TestAccounts;
import theo.TheoTest;
import theo.emulator.GoogleEmulator;
import theo.google.GoogleApis;
import theo.integration.spi.PushDelivery;

/**
 * On demand only ({@code -Dtheo.benchmark=true}, see app/README.md). Freshness: emails delivered
 * and events created at the emulator, each timed until Theo's API returns it, nobody pressing sync
 * (p50/p95/max). Storm: 1,000 channel notifications for one user as fast as one sender posts them,
 * with events created at Google meanwhile: how many syncs ran, and whether every event arrived.
 */
@EnabledIfSystemProperty(named = "theo.benchmark", matches = "true")
@TheoTest
// The timing polls read far more often than a person: Theo's per-user read limits would answer 429.
@TestPropertySource(
    properties = {
      "theo.test.push=true",
      "theo.rate-limit.limits.gmailMessages.requests=1000000",
      "theo.rate-limit.limits.calendarEvents.requests=1000000"
    })
class PushBenchmark {
  private static final int CHANGES = Integer.getInteger("theo.benchmark.push.changes", 30);
  private static final int STORM = Integer.getInteger("theo.benchmark.push.storm", 1000);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Autowired GoogleEmulator emulator;
  @Autowired JdbcClient jdbc;
  @Autowired GoogleApis google;
  @Autowired PushChannelRepository channels;
  @Autowired MeterRegistry meters;

  @Test
  void freshness() throws Exception {
    User mail = connect("gmail");
    User calendar = connect("calendar");
    List<Long> mailMillis = new ArrayList<>();
    List<Long> eventMillis = new ArrayList<>();
    for (int i = 0; i < CHANGES; i++) {
      Instant before = Instant.now();
      mailMillis.add(timeEmail(mail));
      if (mailMillis.get(i) > 3000) {
        explainSlow(mail, before, mailMillis.get(i));
      }
      eventMillis.add(timeEvent(calendar));
      Thread.sleep(200);
    }
    report("email", mailMillis);
    report("event", eventMillis);
    Timer timer = meters.find("theo.push.freshness").timer();
    if (timer != null) {
      StringBuilder line = new StringBuilder("PUSH BENCHMARK theo.push.freshness: count=");
      line.append(timer.count());
      line.append(String.format(" mean=%.0fms", timer.mean(TimeUnit.MILLISECONDS)));
      line.append(String.format(" max=%.0fms", timer.max(TimeUnit.MILLISECONDS)));
      for (ValueAtPercentile p : timer.takeSnapshot().percentileValues()) {
        line.append(
            String.format(" p%.0f=%.0fms", p.percentile() * 100, p.value(TimeUnit.MILLISECONDS)));
      }
      System.out.println(line);
    }
  }

  @Test
  void storm() throws Exception {
    User user = connect("calendar");
    awaitNoPushWork(user.userId());
    String token = ChannelTokens.newToken();
    UUID channelId = UUID.randomUUID();
    Instant now = Instant.now();
    channels.insert(
        new PushChannel(
            channelId,
            user.userId(),
            "calendar",
            "events:storm",
            PushDelivery.WEB_HOOK,
            ChannelTokens.hash(token),
            null,
            null,
            now,
            now.plus(Duration.ofHours(1)),
            now.plus(Duration.ofHours(1)),
            0,
            null,
            null));
    Instant stormStart = Instant.now();
    List<String> titles = new ArrayList<>();
    int accepted = 0;
    long started = System.nanoTime();
    for (int i = 1; i <= STORM; i++) {
      if (i % (STORM / 10) == 0) {
        String title = "Storm " + i + " " + UUID.randomUUID();
        createEvent(user, title);
        titles.add(title);
      }
      if (notify(channelId, token, i + 1) == 204) {
        accepted++;
      }
    }
    long stormMillis = (System.nanoTime() - started) / 1_000_000;
    awaitNoPushWork(user.userId());
    long syncs =
        jdbc.sql(
                "select count(*) from sync_runs where user_id = ? and trigger = 'push'"
                    + " and queued_at >= ?")
            .params(user.userId(), Timestamp.from(stormStart))
            .query(Long.class)
            .single();
    int found = 0;
    for (String title : titles) {
      if (user.browser()
          .get("/api/integrations/calendar/events?query=" + encode(title))
          .body()
          .contains(title)) {
        found++;
      }
    }
    System.out.printf(
        "PUSH BENCHMARK storm: %d notifications in %d ms (%d accepted), %d push syncs ran,"
            + " %d of %d events created during the storm stored%n",
        STORM, stormMillis, accepted, syncs, found, titles.size());
    assertThat(found).isEqualTo(titles.size());
  }

  /** For a slow change: the user's runs since it was made, to see where the time went. */
  private void explainSlow(User user, Instant since, long millis) {
    System.out.printf(
        "PUSH BENCHMARK slow change (%d ms) made at %s; runs since:%n", millis, since);
    jdbc.sql(
            "select trigger, status, queued_at, started_at, finished_at, processed from sync_runs"
                + " where user_id = ? and queued_at >= ? order by queued_at")
        .params(user.userId(), Timestamp.from(since.minusSeconds(5)))
        .query(
            (row, n) ->
                String.format(
                    "  %s %s queued %s started %s finished %s processed %d",
                    row.getString(1),
                    row.getString(2),
                    row.getTimestamp(3),
                    row.getTimestamp(4),
                    row.getTimestamp(5),
                    row.getLong(6)))
        .list()
        .forEach(System.out::println);
  }

  private long timeEmail(User user) throws Exception {
    String subject = "Fresh " + UUID.randomUUID();
    long start = System.nanoTime();
    admin(
        "/emulator/accounts/" + user.email() + "/gmail/messages",
        "{\"from\":\"carol@example.net\",\"to\":\""
            + user.email()
            + "\",\"subject\":\""
            + subject
            + "\",\"body\":\"Hello\"}");
    return awaitMillis(
        start,
        () ->
            user.browser()
                .get("/api/integrations/gmail/messages?q=" + encode(subject))
                .body()
                .contains(subject));
  }

  private long timeEvent(User user) throws Exception {
    String title = "Fresh " + UUID.randomUUID();
    long start = System.nanoTime();
    createEvent(user, title);
    return awaitMillis(
        start,
        () ->
            user.browser()
                .get("/api/integrations/calendar/events?query=" + encode(title))
                .body()
                .contains(title));
  }

  private void createEvent(User user, String title) throws Exception {
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
                        .setDateTime(new DateTime(start.plusSeconds(1800).toEpochMilli()))))
        .execute();
  }

  private static long awaitMillis(long startNanos, BooleanSupplier done)
      throws InterruptedException {
    while (!done.getAsBoolean()) {
      if (System.nanoTime() - startNanos > TimeUnit.SECONDS.toNanos(60)) {
        throw new AssertionError("Not readable after 60 s");
      }
      Thread.sleep(20);
    }
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private void awaitNoPushWork(UUID userId) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      long busy =
          jdbc.sql(
                  "select (select count(*) from push_pending where user_id = ?)"
                      + " + (select count(*) from sync_runs where user_id = ?"
                      + " and status in ('queued', 'running'))")
              .params(userId, userId)
              .query(Long.class)
              .single();
      if (busy == 0) {
        Thread.sleep(1500);
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("Push syncs still busy after 120 s");
  }

  private static void report(String what, List<Long> millis) {
    List<Long> sorted = millis.stream().sorted().toList();
    System.out.printf(
        "PUSH BENCHMARK freshness %s (%d changes): p50=%d ms p95=%d ms max=%d ms%n",
        what,
        sorted.size(),
        sorted.get(sorted.size() / 2),
        sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1),
        sorted.get(sorted.size() - 1));
  }

  private record User(String email, UUID userId, GoogleBrowser browser) {}

  private User connect(String integration) throws InterruptedException {
    String email = new TestAccounts(emulator, jdbc).create("bench");
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);
    browser.connect(integration, email, Set.of());
    browser.awaitSyncEnded(integration);
    UUID userId = new TestAccounts(emulator, jdbc).userIdOf(email);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (jdbc.sql(
                    "select count(*) from push_channels where user_id = ?"
                        + " and (resource_id is not null or subject is not null)")
                .param(userId)
                .query(Long.class)
                .single()
            == 0
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    return new User(email, userId, browser);
  }

  private int notify(UUID channelId, String token, long number) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + PushAddress.WEB_HOOK_PATH + "calendar"))
            .header("X-Goog-Channel-ID", channelId.toString())
            .header("X-Goog-Channel-Token", token)
            .header("X-Goog-Resource-State", "exists")
            .header("X-Goog-Message-Number", Long.toString(number))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private void admin(String path, String json) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
