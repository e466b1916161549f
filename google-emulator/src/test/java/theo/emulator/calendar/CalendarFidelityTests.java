package theo.emulator.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static theo.emulator.calendar.CalendarTestSupport.ALICE;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.api.services.calendar.model.Events;
import com.google.gson.Gson;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import theo.emulator.DiscoverySchemas;

/**
 * The details of Google Calendar that clients depend on, driven through Google's own Java client
 * where it can send the request, and every answer checked against Google's discovery document.
 */
class CalendarFidelityTests {
  private static final String NEW_YORK = "America/New_York";
  private static final String TOKEN = "full:" + ALICE;
  private static final String EVENTS = "/calendar/v3/calendars/primary/events";
  private static final Pattern DATE_TIME = Pattern.compile("\"dateTime\":\"([^\"]+)\"");
  private static final DiscoverySchemas DISCOVERY = DiscoverySchemas.load("calendar.v3.json");

  private CalendarTestSupport support;
  private Calendar alice;

  @BeforeEach
  void start() {
    support = new CalendarTestSupport();
    alice = support.alice();
  }

  @AfterEach
  void stop() {
    support.close();
  }

  @Test
  void insertWhenDateTimeHasNoOffsetButTimeZoneThenReadInThatZone() throws IOException {
    HttpResponse<String> inserted =
        post(
            EVENTS,
            "{\"summary\":\"Standup\","
                + "\"start\":{\"dateTime\":\"2026-03-10T09:00:00\",\"timeZone\":\"America/New_York\"},"
                + "\"end\":{\"dateTime\":\"2026-03-10T09:30:00\",\"timeZone\":\"America/New_York\"}}");

    assertThat(inserted.statusCode()).isEqualTo(200);
    assertThat(DISCOVERY.undeclaredKeys("Event", inserted.body())).isEmpty();
    // Alice's calendar is in UTC, so Google answers at offset zero
    assertThat(dateTimes(inserted.body()))
        .containsExactlyInAnyOrder("2026-03-10T13:00:00Z", "2026-03-10T13:30:00Z");
    String id = new Gson().fromJson(inserted.body(), Map.class).get("id").toString();
    Event read = alice.events().get("primary", id).setTimeZone("Europe/Berlin").execute();
    assertThat(read.getStart().getDateTime().getValue())
        .isEqualTo(DateTime.parseRfc3339("2026-03-10T13:00:00Z").getValue());
    assertThat(read.getStart().getDateTime().toStringRfc3339()).endsWith("+01:00");
    assertThat(read.getStart().getTimeZone()).isEqualTo(NEW_YORK);
  }

  @Test
  void insertWhenDateTimeHasNeitherOffsetNorTimeZoneThenBadRequest() {
    HttpResponse<String> answer =
        post(
            EVENTS,
            "{\"start\":{\"dateTime\":\"2026-03-10T09:00:00\"},"
                + "\"end\":{\"dateTime\":\"2026-03-10T10:00:00Z\"}}");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertGoogleError(
        answer.body(), 400, "required", "Missing time zone definition for start time.");
  }

  @Test
  void listWhenTimeMinOrTimeMaxHasNoOffsetThenBadRequest() {
    for (String query :
        List.of(
            "timeMin=2026-03-10T09:00:00", "timeMax=2026-03-10T09:00:00", "timeMin=2026-03-10")) {
      HttpResponse<String> answer = get(EVENTS + "?" + query, Map.of());

      assertThat(answer.statusCode()).as(query).isEqualTo(400);
      assertGoogleError(answer.body(), 400, "badRequest", "Bad Request");
    }
    assertThat(get(EVENTS + "?timeMin=2026-03-10T09:00:00.250-05:00", Map.of()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void listWhenTimeZoneRequestedThenTimesAtThatOffsetWithoutFractionalSeconds() throws IOException {
    insert("Lunch", "2026-07-01T12:00:00Z", "2026-07-01T13:00:00Z", null);

    String inTokyo = get(EVENTS + "?timeZone=Asia/Tokyo", Map.of()).body();
    String inCalendarZone = get(EVENTS, Map.of()).body();

    assertThat(dateTimes(inTokyo))
        .containsExactlyInAnyOrder("2026-07-01T21:00:00+09:00", "2026-07-01T22:00:00+09:00");
    assertThat(dateTimes(inCalendarZone))
        .containsExactlyInAnyOrder("2026-07-01T12:00:00Z", "2026-07-01T13:00:00Z");
    assertThat(DISCOVERY.undeclaredKeys("Events", inTokyo)).isEmpty();
    assertThat(get(EVENTS + "?timeZone=Mars/Olympus", Map.of()).statusCode()).isEqualTo(400);
  }

  @Test
  void listWhenWeeklySeriesCrossesDaylightSavingThenInstancesKeepLocalTimeAndGoogleIds()
      throws IOException {
    Event series =
        insert(
            "Weekly",
            "2026-03-03T09:00:00-05:00",
            "2026-03-03T10:00:00-05:00",
            List.of("RRULE:FREQ=WEEKLY;COUNT=3"));

    Events instances =
        alice
            .events()
            .list("primary")
            .setSingleEvents(true)
            .setOrderBy("startTime")
            .setTimeZone(NEW_YORK)
            .execute();

    assertThat(instances.getItems())
        .extracting(Event::getId)
        .containsExactly(
            series.getId() + "_20260303T140000Z",
            series.getId() + "_20260310T130000Z",
            series.getId() + "_20260317T130000Z");
    assertThat(instances.getItems())
        .extracting(event -> event.getStart().getDateTime().toStringRfc3339())
        .containsExactly(
            "2026-03-03T09:00:00.000-05:00",
            "2026-03-10T09:00:00.000-04:00",
            "2026-03-17T09:00:00.000-04:00");
    assertThat(instances.getItems())
        .allSatisfy(
            instance -> {
              assertThat(instance.getRecurringEventId()).isEqualTo(series.getId());
              assertThat(instance.getOriginalStartTime()).isEqualTo(instance.getStart());
              assertThat(instance.getRecurrence()).isNull();
            });
  }

  @Test
  void seriesWhenOneInstanceMovedAndOneCancelledThenListedAndExpandedAsGoogleDoes()
      throws IOException {
    Event series =
        insert(
            "Weekly",
            "2026-03-03T09:00:00-05:00",
            "2026-03-03T10:00:00-05:00",
            List.of("RRULE:FREQ=WEEKLY;COUNT=3"));
    String second = series.getId() + "_20260310T130000Z";
    String third = series.getId() + "_20260317T130000Z";
    alice
        .events()
        .patch(
            "primary",
            second,
            new Event()
                .setSummary("Moved")
                .setStart(time("2026-03-10T11:00:00-04:00"))
                .setEnd(time("2026-03-10T12:00:00-04:00")))
        .execute();
    alice.events().delete("primary", third).execute();

    List<Event> expanded =
        alice.events().list("primary").setSingleEvents(true).execute().getItems();
    List<Event> withDeleted =
        alice
            .events()
            .list("primary")
            .setSingleEvents(true)
            .setShowDeleted(true)
            .execute()
            .getItems();
    List<Event> resources = alice.events().list("primary").execute().getItems();
    List<Event> ofSeries = alice.events().instances("primary", series.getId()).execute().getItems();

    assertThat(expanded)
        .extracting(Event::getId)
        .containsExactly(series.getId() + "_20260303T140000Z", second);
    Event moved = expanded.get(1);
    assertThat(moved.getSummary()).isEqualTo("Moved");
    assertThat(moved.getStart().getDateTime().getValue())
        .isEqualTo(DateTime.parseRfc3339("2026-03-10T15:00:00Z").getValue());
    assertThat(moved.getOriginalStartTime().getDateTime().getValue())
        .isEqualTo(DateTime.parseRfc3339("2026-03-10T13:00:00Z").getValue());
    assertThat(withDeleted)
        .extracting(Event::getStatus)
        .containsExactly("confirmed", "confirmed", "cancelled");
    assertThat(resources)
        .extracting(Event::getId)
        .containsExactlyInAnyOrder(series.getId(), second, third);
    Event cancelled =
        resources.stream().filter(e -> e.getId().equals(third)).findFirst().orElseThrow();
    assertThat(cancelled.getStatus()).isEqualTo("cancelled");
    assertThat(cancelled.getRecurringEventId()).isEqualTo(series.getId());
    assertThat(cancelled.getOriginalStartTime().getDateTime().getValue())
        .isEqualTo(DateTime.parseRfc3339("2026-03-17T13:00:00Z").getValue());
    assertThat(ofSeries)
        .extracting(Event::getId)
        .containsExactly(series.getId() + "_20260303T140000Z", second);
    assertThat(
            DISCOVERY.undeclaredKeys("Events", get(EVENTS + "?showDeleted=true", Map.of()).body()))
        .isEmpty();
  }

  @Test
  void insertWhenRuleRepeatsWithinADayThenBadRequest() {
    for (String rule :
        List.of("RRULE:FREQ=HOURLY;COUNT=3", "RRULE:FREQ=MINUTELY", "RRULE:FREQ=SECONDLY")) {
      assertThatThrownBy(
              () ->
                  insert(
                      "Too often",
                      "2026-03-03T09:00:00-05:00",
                      "2026-03-03T09:10:00-05:00",
                      List.of(rule)))
          .as(rule)
          .isInstanceOfSatisfying(
              GoogleJsonResponseException.class,
              e -> {
                assertThat(e.getStatusCode()).isEqualTo(400);
                assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("invalid");
                assertThat(e.getDetails().getMessage()).isEqualTo("Invalid recurrence rule.");
              });
    }
  }

  @Test
  void getWhenIfNoneMatchIsCurrentThenNotModifiedAndOtherwiseTheEventWithItsEtag()
      throws IOException {
    Event event = insert("Tagged", "2026-03-10T09:00:00Z", "2026-03-10T10:00:00Z", null);

    Calendar.Events.Get conditional = alice.events().get("primary", event.getId());
    conditional.getRequestHeaders().setIfNoneMatch(event.getEtag());
    com.google.api.client.http.HttpResponse fresh =
        alice.events().get("primary", event.getId()).executeUnparsed();

    assertThatThrownBy(conditional::execute)
        .isInstanceOfSatisfying(
            HttpResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(304));
    assertThat(fresh.getHeaders().getETag()).isEqualTo(event.getEtag());
    assertThat(event.getEtag()).matches("\"\\d+\"");
    fresh.disconnect();
    HttpResponse<String> calendarList = get("/calendar/v3/users/me/calendarList/primary", Map.of());
    String listEtag = calendarList.headers().firstValue("ETag").orElseThrow();
    assertThat(
            get("/calendar/v3/users/me/calendarList/primary", Map.of("If-None-Match", listEtag))
                .statusCode())
        .isEqualTo(304);
  }

  @Test
  void writeWhenIfMatchIsStaleThenPreconditionFailedAndNothingChanges() throws IOException {
    Event event = insert("Tagged", "2026-03-10T09:00:00Z", "2026-03-10T10:00:00Z", null);
    Event changed =
        alice.events().patch("primary", event.getId(), new Event().setSummary("Changed")).execute();

    Calendar.Events.Patch stale =
        alice.events().patch("primary", event.getId(), new Event().setSummary("Lost update"));
    stale.getRequestHeaders().setIfMatch(event.getEtag());
    Calendar.Events.Delete staleDelete = alice.events().delete("primary", event.getId());
    staleDelete.getRequestHeaders().setIfMatch(event.getEtag());
    Calendar.Events.Patch current =
        alice.events().patch("primary", event.getId(), new Event().setSummary("Current"));
    current.getRequestHeaders().setIfMatch(changed.getEtag());

    for (var write : List.of(stale, staleDelete)) {
      assertThatThrownBy(write::execute)
          .isInstanceOfSatisfying(
              GoogleJsonResponseException.class,
              e -> {
                assertThat(e.getStatusCode()).isEqualTo(412);
                assertThat(e.getDetails().getErrors().get(0).getReason())
                    .isEqualTo("conditionNotMet");
              });
    }
    assertThat(alice.events().get("primary", event.getId()).execute().getSummary())
        .isEqualTo("Changed");
    assertThat(current.execute().getSummary()).isEqualTo("Current");
  }

  @Test
  void batchWhenCalendarPathThenEveryPartAnswered() throws IOException {
    Event event = insert("Batched", "2026-03-10T09:00:00Z", "2026-03-10T10:00:00Z", null);
    List<String> answers = new ArrayList<>();
    BatchRequest batch = alice.batch();
    JsonBatchCallback<Event> callback =
        new JsonBatchCallback<>() {
          @Override
          public void onSuccess(Event answer, HttpHeaders headers) {
            answers.add(answer.getSummary());
          }

          @Override
          public void onFailure(GoogleJsonError error, HttpHeaders headers) {
            answers.add(error.getCode() + " " + error.getErrors().get(0).getReason());
          }
        };
    alice.events().get("primary", event.getId()).queue(batch, callback);
    alice
        .events()
        .insert("primary", event.clone().setId(null).setSummary("Second"))
        .queue(batch, callback);
    alice.events().get("primary", "unknownevent0").queue(batch, callback);

    batch.execute();

    assertThat(answers).containsExactly("Batched", "Second", "404 notFound");
  }

  @Test
  void errorsWhenUnauthenticatedUnknownOrExpiredThenGoogleShapes() {
    HttpResponse<String> anonymous = support.exchange("GET", EVENTS, null, null, Map.of());
    HttpResponse<String> unknownCalendar =
        get("/calendar/v3/calendars/nobody%40example.com/events", Map.of());
    HttpResponse<String> unknownEvent = get(EVENTS + "/unknownevent0", Map.of());
    String syncToken =
        (String) new Gson().fromJson(get(EVENTS, Map.of()).body(), Map.class).get("nextSyncToken");
    support.admin("/emulator/accounts/" + ALICE + "/calendar/sync-tokens/invalidate", Map.of());
    HttpResponse<String> expired = get(EVENTS + "?syncToken=" + syncToken, Map.of());

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(new Gson().fromJson(anonymous.body(), Map.class)).containsKey("error");
    assertGoogleError(unknownCalendar.body(), 404, "notFound", "Not Found");
    assertGoogleError(unknownEvent.body(), 404, "notFound", "Not Found");
    assertGoogleError(
        expired.body(),
        410,
        "fullSyncRequired",
        "Sync token is no longer valid, a full sync is required.");
  }

  // helpers

  private Event insert(String summary, String start, String end, List<String> recurrence)
      throws IOException {
    Event event =
        new Event()
            .setSummary(summary)
            .setStart(time(start).setTimeZone(recurrence == null ? null : NEW_YORK))
            .setEnd(time(end).setTimeZone(recurrence == null ? null : NEW_YORK))
            .setRecurrence(recurrence);
    return alice.events().insert("primary", event).execute();
  }

  private static EventDateTime time(String rfc3339) {
    return new EventDateTime().setDateTime(DateTime.parseRfc3339(rfc3339));
  }

  private HttpResponse<String> post(String path, String json) {
    return support.exchange("POST", path, TOKEN, json, Map.of());
  }

  private HttpResponse<String> get(String path, Map<String, String> headers) {
    return support.exchange("GET", path, TOKEN, null, headers);
  }

  private static List<String> dateTimes(String json) {
    List<String> values = new ArrayList<>();
    Matcher matcher = DATE_TIME.matcher(json);
    while (matcher.find()) {
      values.add(matcher.group(1));
    }
    return values;
  }

  @SuppressWarnings("unchecked")
  private static void assertGoogleError(String body, int code, String reason, String message) {
    Map<String, Object> error =
        (Map<String, Object>) new Gson().fromJson(body, Map.class).get("error");
    assertThat(error)
        .as(body)
        .containsEntry("code", (double) code)
        .containsEntry("message", message);
    assertThat(error.get("status")).isInstanceOf(String.class);
    List<Map<String, Object>> errors = (List<Map<String, Object>>) error.get("errors");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0))
        .containsEntry("reason", reason)
        .containsEntry("message", message)
        .containsEntry("domain", "global");
  }
}
