package theo.emulator.calendar;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.Calendar;
import com.google.gson.Gson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import theo.emulator.AccessGrant;
import theo.emulator.EmulatorOptions;
import theo.emulator.GoogleEmulator;

/**
 * A running emulator on a fixed clock with a fake token verifier: {@code full:<email>} grants
 * calendar, {@code read:<email>} calendar.readonly.
 */
final class CalendarTestSupport implements AutoCloseable {
  static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  static final String ALICE = "alice@example.com";
  static final String BOB = "bob@example.com";
  private static final String SCOPE = "https://www.googleapis.com/auth/";

  final GoogleEmulator emulator;
  private final HttpClient http = HttpClient.newHttpClient();

  CalendarTestSupport() {
    this(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  CalendarTestSupport(Clock clock) {
    emulator = GoogleEmulator.start(EmulatorOptions.defaults().withClock(clock));
    emulator
        .context()
        .tokenVerifier(
            token -> {
              int colon = token.indexOf(':');
              if (colon < 0) {
                return Optional.empty();
              }
              Set<String> scopes =
                  switch (token.substring(0, colon)) {
                    case "full" -> Set.of(SCOPE + "calendar");
                    case "events" -> Set.of(SCOPE + "calendar.events");
                    case "read" -> Set.of(SCOPE + "calendar.readonly");
                    default -> Set.of();
                  };
              return emulator
                  .accounts()
                  .find(token.substring(colon + 1))
                  .map(
                      account ->
                          new AccessGrant(account, "test-client", scopes, NOW.plusSeconds(3600)));
            });
  }

  Calendar client(String token) {
    return new Calendar.Builder(
            new NetHttpTransport(),
            GsonFactory.getDefaultInstance(),
            request -> request.getHeaders().setAuthorization("Bearer " + token))
        .setRootUrl(emulator.baseUrl() + "/")
        .setApplicationName("calendar-tests")
        .build();
  }

  Calendar alice() {
    return client("full:" + ALICE);
  }

  /** POSTs JSON to the admin API; returns status and parsed body. */
  Answer admin(String path, Map<String, ?> body) {
    return send(
        HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(new Gson().toJson(body)))
            .build());
  }

  Answer get(String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return send(builder.GET().build());
  }

  /** Any request with a JSON body (or none), for what Google's Java client cannot send. */
  HttpResponse<String> exchange(
      String method, String path, String token, String json, Map<String, String> headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      builder.header("Content-Type", "application/json");
    }
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    headers.forEach(builder::header);
    try {
      return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    emulator.close();
  }

  /** An HTTP answer: status and body, parsed on demand. */
  record Answer(int status, String body) {
    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      return new Gson().fromJson(body, Map.class);
    }
  }
}
