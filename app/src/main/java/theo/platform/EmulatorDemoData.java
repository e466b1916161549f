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
 * The embedded emulator's admin API for demo data, present when the emulator runs with {@code
 * theo.google.emulator.demo-data} on. It knows no integration: each integration module names what
 * it generates (its {@code Integration.demoData()}), and the integration registry posts them here
 * at start-up, so a fresh {@code run-server} has something to sync and show.
 */
public final class EmulatorDemoData {
  private static final Logger log = LoggerFactory.getLogger(EmulatorDemoData.class);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String accounts;

  EmulatorDemoData(GoogleEmulator emulator) {
    this.accounts = emulator.baseUrl() + "/emulator/accounts/";
  }

  /**
   * Posts {@code jsonBody} to the admin API at {@code /emulator/accounts/{account}/{path}}; a
   * failure is logged (demo data is a convenience), never thrown.
   */
  public void post(String account, String path, String jsonBody) {
    String url = accounts + account + "/" + path;
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(jsonBody))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        log.warn("Emulator demo data {} answered {}", url, response.statusCode());
      }
    } catch (IOException e) {
      log.warn("Could not seed the emulator's demo data: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
