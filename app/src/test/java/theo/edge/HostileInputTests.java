package theo.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import theo.GoogleBrowser;
import theo.TheoTest;
import theo.emulator.GoogleEmulator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inputs that once answered 500 or were accepted wrongly, each answered 4xx with {@code
 * {"error":{code,message}}} and nothing written, here or at Google; and errors raised before any
 * controller (the firewall, Tomcat, the body limit) in the same JSON, or in the app's layout for
 * pages.
 */
@TheoTest
class HostileInputTests {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String GMAIL = "/api/integrations/gmail";
  private static final String CALENDAR = "/api/integrations/calendar";

  @LocalServerPort int port;
  @Autowired GoogleEmulator emulator;
  @Autowired JdbcClient jdbc;

  private RawApi api;
  private String email;

  @BeforeEach
  void connected() {
    email = "hostile-" + UUID.randomUUID() + "@example.com";
    emulator.accounts().create(email, "Hostile Person");
    api = new RawApi(port);
    GoogleBrowser browser = api.browser();
    browser.signIn(email);
    browser.connect("gmail", email, Set.of());
    browser.connect("calendar", email, Set.of());
  }

  @Test
  void gmailMessagesWhenQueryOrLabelHoldsNulThen400() throws Exception {
    assertError(api.json("GET", GMAIL + "/messages?q=a%00b", null), 400, "VALIDATION_FAILED");
    assertError(api.json("GET", GMAIL + "/messages?labelId=%00", null), 400, "VALIDATION_FAILED");
  }

  @Test
  void calendarEventsWhenQueryHoldsNulThen400() throws Exception {
    assertError(api.json("GET", CALENDAR + "/events?query=%00", null), 400, "VALIDATION_FAILED");
  }

  @Test
  void messagesAndEventsWhenCursorMalformedThen400() throws Exception {
    for (String raw :
        new String[] {"99999999999999999999:x", "9223372036854775807:x", "1:\u0000"}) {
      assertError(
          api.json("GET", GMAIL + "/messages?cursor=" + base64(raw), null),
          400,
          "VALIDATION_FAILED");
    }
    assertError(api.json("GET", GMAIL + "/messages?cursor=%21%21", null), 400, "VALIDATION_FAILED");
    for (String raw :
        new String[] {"9223372036854775807\nprimary\nx", "1\nprimary\u0000\nx", "garbage"}) {
      assertError(
          api.json("GET", CALENDAR + "/events?cursor=" + base64(raw), null), 400, "INVALID_CURSOR");
    }
  }

  @Test
  void eventsWhenDatesOutsideGooglesYearsThen400() throws Exception {
    assertError(
        api.json("GET", CALENDAR + "/events?startDate=%2B999999999-12-31T23:59:59Z", null),
        400,
        "VALIDATION_FAILED");
  }

  @Test
  void eventCreateWhenStartsAtBeyondYear9999Then400AndNoApproval() throws Exception {
    long before = approvals();
    assertError(
        api.json(
            "POST",
            CALENDAR + "/events",
            "{\"title\":\"Far\",\"startsAt\":\"+999999999-12-31T23:59:59Z\"}"),
        400,
        "VALIDATION_FAILED");
    assertThat(approvals()).isEqualTo(before);
  }

  @Test
  void eventCreateWhenTitleHoldsNulOrLineBreakThen400AndNoApproval() throws Exception {
    long before = approvals();
    for (String title : new String[] {"a\\u0000b", "two\\nlines", "bell\\u0007"}) {
      assertError(
          api.json(
              "POST",
              CALENDAR + "/events",
              "{\"title\":\"" + title + "\",\"startsAt\":\"2026-05-01T09:00:00Z\"}"),
          400,
          "VALIDATION_FAILED");
    }
    assertThat(approvals()).isEqualTo(before);
  }

  @Test
  void eventCreateWhenRuleGoogleRefusesThen400NamingIt() throws Exception {
    long before = approvals();
    HttpResponse<String> secondly = createRecurring("RRULE:FREQ=SECONDLY");
    assertError(secondly, 400, "VALIDATION_FAILED");
    assertThat(message(secondly)).contains("FREQ=SECONDLY").contains("at most daily");
    assertError(createRecurring("RRULE:FREQ=HOURLY;COUNT=3"), 400, "VALIDATION_FAILED");
    HttpResponse<String> malformed = createRecurring("RRULE:FREQ=WEEKLY;BYDAY=XX");
    assertError(malformed, 400, "VALIDATION_FAILED");
    assertThat(message(malformed)).contains("not a valid RFC 5545 rule");
    assertError(createRecurring("EXDATE:not-a-date"), 400, "VALIDATION_FAILED");
    assertError(createRecurring("FOO:BAR"), 400, "VALIDATION_FAILED");
    assertThat(approvals()).isEqualTo(before);

    assertThat(createRecurring("RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6").statusCode())
        .isEqualTo(201);
    assertThat(approvals()).isEqualTo(before + 1);
  }

  @Test
  void emailApprovalWhenSubjectHoldsNulThen400AndNoDraftAtGoogle() throws Exception {
    long before = approvals();
    long drafts = drafts();
    assertError(
        api.json(
            "POST",
            GMAIL + "/approvals",
            "{\"to\":\"someone@example.com\",\"subject\":\"Hi\\u0000\",\"body\":\"Hello\"}"),
        400,
        "VALIDATION_FAILED");
    assertError(
        api.json(
            "POST",
            GMAIL + "/approvals",
            "{\"to\":[\"some\\u0001one@example.com\"],\"subject\":\"Hi\",\"body\":\"Hello\"}"),
        400,
        "VALIDATION_FAILED");
    assertThat(approvals()).isEqualTo(before);
    assertThat(drafts()).isEqualTo(drafts);
  }

  @Test
  void approvalsWhenLimitOutOfRangeThen400() throws Exception {
    assertError(api.json("GET", GMAIL + "/approvals?limit=-1", null), 400, "VALIDATION_FAILED");
    assertError(api.json("GET", CALENDAR + "/approvals?limit=201", null), 400, "VALIDATION_FAILED");
    assertThat(api.json("GET", CALENDAR + "/approvals?limit=200", null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void thirtyMegabyteBodiesThen413JsonAtOnceAndNothingWritten() throws Exception {
    long before = approvals();
    byte[] start =
        ("{\"selected\":true,\"response\":\"accepted\",\"pad\":\"" + "x".repeat(65_536))
            .getBytes(StandardCharsets.UTF_8);
    for (String[] call :
        new String[][] {
          {"POST", GMAIL + "/connect"},
          {"POST", GMAIL + "/sync"},
          {"PUT", GMAIL + "/labels/INBOX"},
          {"PUT", GMAIL + "/settings"},
          {"PUT", CALENDAR + "/calendars/primary"},
          {"POST", CALENDAR + "/events/abc123/respond"},
        }) {
      RawApi.RawAnswer answer = api.declaring(call[0], call[1], 30L * 1024 * 1024, start);
      assertThat(answer.status()).as(call[1]).isEqualTo(413);
      assertThat(answer.headers()).containsIgnoringCase("Content-Type: application/json");
      assertThat(answer.body()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
    }
    assertThat(approvals()).isEqualTo(before);
  }

  @Test
  void bodiesJustOverTheLimitThen413Json() throws Exception {
    long before = approvals();
    String body = "{\"response\":\"accepted\",\"pad\":\"" + "x".repeat(1_100_000) + "\"}";
    assertError(
        api.json("POST", CALENDAR + "/events/abc123/respond", body), 413, "PAYLOAD_TOO_LARGE");
    assertThat(approvals()).isEqualTo(before);
  }

  @Test
  void bodyWithoutLengthOverTheLimitThen413Json() throws Exception {
    HttpResponse<String> response =
        api.streamed(
            "PUT",
            GMAIL + "/settings",
            ("{\"maxAgeDays\":30,\"pad\":\"" + "x".repeat(1_500_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    assertError(response, 413, "PAYLOAD_TOO_LARGE");
    HttpResponse<String> settings = api.json("GET", GMAIL + "/settings", null);
    assertThat(JSON.readTree(settings.body()).path("maxAgeDays").asInt(0)).isNotEqualTo(30);
  }

  @Test
  void apiErrorsRaisedBeforeAnyControllerAreJson() throws Exception {
    assertError(api.json("GET", "/api/integrations/gmail%2Fx/sync", null), 400, "BAD_REQUEST");
    assertError(api.json("DELETE", GMAIL + "/approvals/%25?a=%00", null), 400, "BAD_REQUEST");
    assertError(
        new RawApi(port).json("GET", GMAIL + "/messages?a=%00", null), 401, "UNAUTHENTICATED");
    assertError(
        api.json("GET", GMAIL + "/messages?q=" + "x".repeat(10_000), null),
        400,
        "VALIDATION_FAILED");
    HttpResponse<String> overTomcatsLimit =
        api.json("GET", GMAIL + "/messages?q=" + "x".repeat(40_000), null);
    assertThat(overTomcatsLimit.statusCode()).isBetween(400, 499);
    assertThat(code(overTomcatsLimit)).isNotBlank();
    assertError(
        api.send("PUT", GMAIL + "/settings", "x".getBytes(), "text/plain", Map.of()),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
    assertError(api.json("PUT", GMAIL + "/settings", "{\"maxAgeDays\":"), 400, "BAD_REQUEST");
    assertError(
        api.json("PUT", GMAIL + "/settings", "[".repeat(5_000) + "]".repeat(5_000)),
        400,
        "BAD_REQUEST");
    assertError(api.json("PATCH", GMAIL + "/settings", "{}"), 405, "METHOD_NOT_ALLOWED");
    assertError(api.json("GET", "/api/no-such-thing", null), 404, "NOT_FOUND");
  }

  @Test
  void pageErrorsUseTheAppsLayout() throws Exception {
    assertLayoutPage(api.page("/settings/no-such-page"), 404);
    assertLayoutPage(api.page("/settings/a%2Fb"), 400);
    assertLayoutPage(api.page("/settings/%25?a=%00"), 400);
    assertLayoutPage(api.page("/settings/integrations", Map.of("X-Pad", "y".repeat(40_000))), 400);
  }

  private static void assertLayoutPage(HttpResponse<String> page, int status) {
    assertThat(page.statusCode()).isEqualTo(status);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body())
        .contains("class=\"topbar\"")
        .contains("Back to Theo")
        .doesNotContain("Whitelabel")
        .doesNotContain("Tomcat")
        .doesNotContain("Exception");
  }

  private HttpResponse<String> createRecurring(String rule) throws Exception {
    return api.json(
        "POST",
        CALENDAR + "/events",
        "{\"title\":\"Standup\",\"startsAt\":\"2026-05-04T09:00:00Z\",\"timezone\":\"UTC\","
            + "\"recurrence\":[\""
            + rule
            + "\"]}");
  }

  private long approvals() {
    return jdbc.sql("select count(*) from approvals").query(Long.class).single();
  }

  private long drafts() throws IOException, InterruptedException {
    HttpResponse<String> summary =
        api.browser().rawGet(emulator.baseUrl() + "/emulator/accounts/" + email + "/gmail/summary");
    return JSON.readTree(summary.body()).path("drafts").asLong(-1);
  }

  private static String base64(String raw) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertError(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    assertThat(code(response)).as(response.body()).isEqualTo(code);
    assertThat(message(response)).isNotBlank();
  }

  private static String code(HttpResponse<String> response) {
    return error(response).path("code").asString("");
  }

  private static String message(HttpResponse<String> response) {
    return error(response).path("message").asString("");
  }

  private static JsonNode error(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body()).path("error");
    } catch (RuntimeException e) {
      return JSON.createObjectNode();
    }
  }
}
