package theo.emulator.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static theo.emulator.push.PushTestSupport.ALICE;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Channel;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalendarPushTests {
  private final PushTestSupport support = new PushTestSupport();
  private Receiver receiver;
  private Calendar calendar;

  @BeforeEach
  void start() {
    support.reset();
    receiver = new Receiver();
    calendar = support.calendar(ALICE);
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @AfterAll
  void close() {
    support.close();
  }

  private Channel watchPrimary(String id) throws IOException {
    return calendar
        .events()
        .watch(
            "primary",
            new Channel()
                .setId(id)
                .setToken("secret-token")
                .setType("web_hook")
                .setAddress(receiver.url("/hooks/calendar"))
                .setParams(Map.of("ttl", "3600")))
        .execute();
  }

  private Event insertEvent(String summary) throws IOException {
    return calendar
        .events()
        .insert(
            "primary",
            new Event()
                .setSummary(summary)
                .setStart(new EventDateTime().setDateTime(new DateTime("2026-03-02T10:00:00Z")))
                .setEnd(new EventDateTime().setDateTime(new DateTime("2026-03-02T11:00:00Z"))))
        .execute();
  }

  @Test
  void watchAnswersGooglesChannelAndPostsSyncThenOneNotificationPerChange() throws Exception {
    Instant now = support.clock.instant();
    Channel channel = watchPrimary("channel-1");

    assertThat(channel.getKind()).isEqualTo("api#channel");
    assertThat(channel.getId()).isEqualTo("channel-1");
    assertThat(channel.getResourceId()).isNotBlank();
    assertThat(channel.getResourceUri())
        .isEqualTo(support.emulator.baseUrl() + "/calendar/v3/calendars/primary/events?alt=json");
    assertThat(channel.getExpiration()).isEqualTo(now.plusSeconds(3600).toEpochMilli());

    Receiver.Received sync = receiver.next();
    assertThat(sync.path()).isEqualTo("/hooks/calendar");
    assertThat(sync.header("X-Goog-Channel-ID")).isEqualTo("channel-1");
    assertThat(sync.header("X-Goog-Channel-Token")).isEqualTo("secret-token");
    assertThat(sync.header("X-Goog-Resource-ID")).isEqualTo(channel.getResourceId());
    assertThat(sync.header("X-Goog-Resource-URI")).isEqualTo(channel.getResourceUri());
    assertThat(sync.header("X-Goog-Resource-State")).isEqualTo("sync");
    assertThat(sync.header("X-Goog-Message-Number")).isEqualTo("1");
    assertThat(sync.header("X-Goog-Channel-Expiration"))
        .isEqualTo(
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
                .withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(channel.getExpiration())));

    Event created = insertEvent("Through the API");
    support.adminEvent(ALICE, "At Google");
    calendar.events().delete("primary", created.getId()).execute();

    for (String number : List.of("2", "3", "4")) {
      Receiver.Received change = receiver.next();
      assertThat(change.header("X-Goog-Resource-State")).isEqualTo("exists");
      assertThat(change.header("X-Goog-Message-Number")).isEqualTo(number);
      assertThat(change.header("X-Goog-Channel-ID")).isEqualTo("channel-1");
    }
    assertThat(receiver.within(150)).isNull();
  }

  @Test
  void calendarListWatchNotifiesWhenTheListChanges() throws Exception {
    Channel channel =
        calendar
            .calendarList()
            .watch(
                new Channel()
                    .setId("list-1")
                    .setType("webhook")
                    .setAddress(receiver.url("/hooks/list")))
            .execute();
    assertThat(channel.getResourceUri())
        .isEqualTo(support.emulator.baseUrl() + "/calendar/v3/users/me/calendarList?alt=json");
    assertThat(channel.getExpiration())
        .isEqualTo(support.clock.instant().plus(Duration.ofDays(7)).toEpochMilli());
    assertThat(receiver.next().header("X-Goog-Resource-State")).isEqualTo("sync");

    support.admin(
        "POST",
        "/emulator/accounts/" + ALICE + "/calendar/generate",
        Map.of("calendars", 2, "eventsPerCalendar", 3));

    Receiver.Received change = receiver.next();
    assertThat(change.header("X-Goog-Resource-State")).isEqualTo("exists");
    assertThat(change.header("X-Goog-Channel-Token")).isNull();
    assertThat(receiver.within(150)).as("a generation is one change").isNull();
  }

  @Test
  void stoppedChannelPostsNothingMore() throws Exception {
    Channel channel = watchPrimary("channel-stop");
    receiver.next();

    calendar
        .channels()
        .stop(new Channel().setId(channel.getId()).setResourceId(channel.getResourceId()))
        .execute();
    insertEvent("After stop");

    assertThat(receiver.within(300)).isNull();
    assertThatThrownBy(
            () ->
                calendar
                    .channels()
                    .stop(
                        new Channel().setId(channel.getId()).setResourceId(channel.getResourceId()))
                    .execute())
        .isInstanceOfSatisfying(
            GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
  }

  @Test
  void channelStopsAtItsExpiration() throws Exception {
    watchPrimary("channel-ttl");
    receiver.next();

    support.clock.advance(Duration.ofSeconds(3601));
    insertEvent("After expiry");

    assertThat(receiver.within(300)).isNull();
    assertThat(support.admin("GET", "/emulator/push/channels", null).json().get("channels"))
        .asList()
        .isEmpty();
  }

  @Test
  void adminExpiresChannelsNow() throws Exception {
    watchPrimary("channel-admin");
    receiver.next();
    assertThat(support.admin("GET", "/emulator/push/channels?account=" + ALICE, null).body())
        .contains("channel-admin");

    PushTestSupport.Answer expired =
        support.admin("POST", "/emulator/push/expire", Map.of("account", ALICE));
    insertEvent("After expiry");

    assertThat(expired.json().get("channels")).isEqualTo(1.0);
    assertThat(receiver.within(300)).isNull();
  }

  @Test
  void channelIdsAreUniqueAndAddressesChecked() throws Exception {
    watchPrimary("same-id");
    assertThatThrownBy(() -> watchPrimary("same-id"))
        .isInstanceOfSatisfying(
            GoogleJsonResponseException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(400);
              assertThat(e.getDetails().getErrors().get(0).getReason())
                  .isEqualTo("channelIdNotUnique");
            });
    assertThatThrownBy(
            () ->
                calendar
                    .events()
                    .watch(
                        "primary",
                        new Channel().setId("x").setType("web_hook").setAddress("not a url"))
                    .execute())
        .isInstanceOfSatisfying(
            GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
  }
}
