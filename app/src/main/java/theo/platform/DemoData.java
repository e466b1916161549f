package theo.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import theo.emulator.GoogleEmulator;

/**
 * Fills the embedded emulator's demo accounts with a deterministic mailbox, contacts and calendars
 * through its admin API, so a fresh {@code run-server} has something to sync and show.
 */
final class DemoData {
  private static final Logger log = LoggerFactory.getLogger(DemoData.class);

  private DemoData() {}

  static void seed(GoogleEmulator emulator) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String base = emulator.baseUrl() + "/emulator/accounts/";
    try {
      post(http, base + "alice@example.com/gmail/generate", "{\"count\":600,\"seed\":7}");
      post(
          http,
          base + "alice@example.com/calendar/generate",
          "{\"calendars\":4,\"eventsPerCalendar\":120,\"seed\":7}");
      post(http, base + "bob@example.com/gmail/generate", "{\"count\":150,\"seed\":11}");
      post(
          http,
          base + "bob@example.com/calendar/generate",
          "{\"calendars\":2,\"eventsPerCalendar\":60,\"seed\":11}");
    } catch (IOException e) {
      log.warn("Could not seed the emulator's demo data: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void post(HttpClient http, String url, String body)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      log.warn("Emulator demo data {} answered {}", url, response.statusCode());
    }
  }
}
