package theo.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import theo.TheoTest;
import theo.emulator.EmulatorOptions;
import theo.emulator.GoogleEmulator;

@TheoTest
class PlatformTests {
  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired GoogleEndpoints google;
  @Autowired GoogleEmulator emulator;
  @Autowired JdbcClient jdbc;

  @Test
  void googleEndpointsWhenNoClientConfiguredThenPointAtTheEmbeddedEmulator() {
    assertThat(google.emulated()).isTrue();
    assertThat(google.clientId()).isEqualTo(EmulatorOptions.DEFAULT_CLIENT_ID);
    assertThat(google.issuerUri()).isEqualTo(emulator.baseUrl());
    assertThat(google.tokenUri()).isEqualTo(emulator.baseUrl() + "/token");
    assertThat(google.rootUrl("gmail", "https://gmail.googleapis.com/"))
        .isEqualTo(emulator.baseUrl() + "/");
    assertThat(emulator.baseUrl()).startsWith("http://127.0.0.1:");
    assertThat(google.toString()).doesNotContain(EmulatorOptions.DEFAULT_CLIENT_SECRET);
  }

  @Test
  void migrationsWhenStartedThenAllTablesExist() {
    assertThat(
            jdbc.sql(
                    """
                    select table_name from information_schema.tables
                    where table_schema = 'public'
                    """)
                .query(String.class)
                .list())
        .contains(
            "users",
            "google_accounts",
            "spring_session",
            "spring_session_attributes",
            "scheduled_tasks");
  }

  @Test
  void healthWhenDatabaseUpThenUp() throws Exception {
    HttpResponse<String> response = get("/actuator/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\":\"UP\"");
  }

  @Test
  void prometheusWhenScrapedOnTheManagementPortThenServesMetrics() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("jvm_memory_used_bytes");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
