package theo.emulator.push;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.gmail.Gmail;
import com.google.gson.Gson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import theo.emulator.AccessGrant;
import theo.emulator.EmulatorOptions;
import theo.emulator.GoogleEmulator;

/**
 * An emulator on a clock the test moves, accepting the token {@code <email>} with full Calendar and
 * Gmail read scopes, with Google's Java clients and a small admin client.
 */
final class PushTestSupport implements AutoCloseable {
  static final String ALICE = "alice@example.com";
  private static final String SCOPE = "https://www.googleapis.com/auth/";

  final MovableClock clock = new MovableClock(Instant.now());
  final GoogleEmulator emulator;
  private final HttpClient http = HttpClient.newHttpClient();

  PushTestSupport() {
    emulator = GoogleEmulator.start(EmulatorOptions.defaults().withClock(clock));
    emulator
        .context()
        .tokenVerifier(
            token ->
                emulator
                    .accounts()
                    .find(token)
                    .map(
                        account ->
                            new AccessGrant(
                                account,
                                "test-client",
                                Set.of(SCOPE + "calendar", SCOPE + "gmail.readonly"),
                                clock.instant().plusSeconds(3600))));
  }

  Calendar calendar(String email) {
    return new Calendar.Builder(
            new NetHttpTransport(),
            GsonFactory.getDefaultInstance(),
            request -> request.getHeaders().setAuthorization("Bearer " + email))
        .setRootUrl(emulator.baseUrl() + "/")
        .setApplicationName("push-tests")
        .build();
  }

  Gmail gmail(String email) {
    return new Gmail.Builder(
            new NetHttpTransport(),
            GsonFactory.getDefaultInstance(),
            request -> request.getHeaders().setAuthorization("Bearer " + email))
        .setRootUrl(emulator.baseUrl() + "/")
        .setApplicationName("push-tests")
        .build();
  }

  record Answer(int status, String body) {
    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      return new Gson().fromJson(body, Map.class);
    }
  }

  Answer admin(String method, String path, Object body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(new Gson().toJson(body)))
            .header("Content-Type", "application/json")
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An event created "at Google" through the admin API. */
  void adminEvent(String email, String summary) {
    Answer answer =
        admin(
            "POST",
            "/emulator/accounts/" + email + "/calendar/events",
            Map.of(
                "summary", summary,
                "start", "2026-03-02T10:00:00Z",
                "end", "2026-03-02T11:00:00Z"));
    if (answer.status() != 200 && answer.status() != 201) {
      throw new AssertionError("admin event: " + answer);
    }
  }

  /** A message delivered to the mailbox through the admin API. */
  void adminMail(String email, Object labelIds) {
    Map<String, Object> body =
        labelIds == null
            ? Map.of("subject", "Hello")
            : Map.of("subject", "Hello", "labelIds", labelIds);
    Answer answer = admin("POST", "/emulator/accounts/" + email + "/gmail/messages", body);
    if (answer.status() != 200 && answer.status() != 201) {
      throw new AssertionError("admin mail: " + answer);
    }
  }

  /** Between tests: normal behaviour and retries, no counts, every channel and watch expired. */
  void reset() {
    admin("DELETE", "/emulator/push/behaviour", null);
    admin("DELETE", "/emulator/push/deliveries", null);
    admin("POST", "/emulator/push/expire", null);
  }

  @Override
  public void close() {
    emulator.close();
  }

  /** A clock the test moves forward. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
