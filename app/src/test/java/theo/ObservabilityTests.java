package theo;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import theo.emulator.GoogleEmulator;

/**
 * What an operator sees: Theo's own metrics on the management port's Prometheus scrape, health on
 * the public port and nothing else of actuator there, and a sync run traced as one trace with its
 * Google calls as spans.
 */
@TheoTest
class ObservabilityTests {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)", Pattern.MULTILINE);

  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired GoogleEmulator emulator;
  @Autowired ObservationRegistry observations;
  @Autowired ApplicationContext context;

  @Test
  void prometheusAfterASyncAnApprovalAndARefusalShowsEachSeriesMoved() throws Exception {
    String before = scrape();
    SpanRecorder spans = SpanRecorder.attachTo(observations);
    GoogleBrowser browser = connectedToCalendar();
    browser.awaitSyncEnded("calendar");
    spans.stop();

    GoogleBrowser.Response proposed =
        browser.post(
            "/api/integrations/calendar/events",
            "{\"calendarId\":\"primary\",\"title\":\"Metrics\","
                + "\"startsAt\":\"2026-12-03T09:00:00Z\",\"endsAt\":\"2026-12-03T09:30:00Z\"}");
    assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
    GoogleBrowser.Response approved =
        browser.post(
            "/api/integrations/calendar/approvals/" + proposed.json().get("approvalId").asString(),
            "{\"action\":\"approve\"}");
    assertThat(approved.json().at("/approval/status").asString())
        .as(approved.body())
        .isEqualTo("executed");
    int refused = 0;
    for (int i = 0; i < 12 && refused == 0; i++) {
      if (browser.delete("/api/integrations/calendar/sync").status() == 429) {
        refused++;
      }
    }
    assertThat(refused).as("the 11th cancel within a minute is refused").isEqualTo(1);
    String after = scrape();

    assertMoved(
        before,
        after,
        "theo_sync_runs_seconds_count",
        "integration=\"calendar\"",
        "outcome=\"succeeded\"");
    assertMoved(
        before, after, "theo_google_calls_seconds_count", "api=\"calendar\"", "outcome=\"ok\"");
    assertMoved(before, after, "theo_google_quota_units_total", "quota=\"calendarUser\"");
    assertMoved(
        before, after, "theo_approvals_total", "integration=\"calendar\"", "step=\"requested\"");
    assertMoved(
        before, after, "theo_approvals_total", "integration=\"calendar\"", "step=\"executed\"");
    assertMoved(before, after, "theo_rate_limit_refusals_total", "limit=\"calendarSync\"");
    assertMoved(before, after, "theo_sign_in_successes_total", "flow=\"connect\"");
    assertThat(after)
        .contains("theo_tokens_reconnect_required")
        .contains("theo_sync_runs_in_progress");
    assertThat(after).doesNotContainPattern("@example\\.com");

    List<SpanRecorder.Recorded> runs = spans.named("theo.sync.runs");
    assertThat(runs).as("the connect's sync run, traced").isNotEmpty();
    assertThat(runs.stream().map(SpanRecorder.Recorded::traceId).distinct())
        .as("each run is a trace of its own")
        .hasSameSizeAs(runs);
    List<SpanRecorder.Recorded> calls = spans.named("theo.google.calls");
    assertThat(runs)
        .as("a run whose Google calls are child spans in its trace")
        .anySatisfy(
            run ->
                assertThat(calls)
                    .filteredOn(call -> call.traceId().equals(run.traceId()))
                    .isNotEmpty()
                    .allSatisfy(call -> assertThat(call.parentId()).isNotBlank()));
  }

  @Test
  void publicPortServesHealthProbesButNoOtherActuatorEndpoint() throws Exception {
    assertThat(get(port, "/livez").statusCode()).isEqualTo(200);
    assertThat(get(port, "/readyz").statusCode()).isEqualTo(200);
    HttpResponse<String> health = get(port, "/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");

    for (String path : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator")) {
      HttpResponse<String> response = get(port, path);
      assertThat(response.statusCode()).as(path).isNotEqualTo(200);
      assertThat(response.body()).as(path).doesNotContain("jvm_memory");
    }
  }

  @Test
  void managementPortServesPrometheusAndDetailsOnLoopback() throws Exception {
    assertThat(managementPort).isNotEqualTo(port);
    HttpResponse<String> prometheus = get(managementPort, "/actuator/prometheus");
    assertThat(prometheus.statusCode()).isEqualTo(200);
    assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
    assertThat(get(managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);
  }

  @Test
  void tracingWithoutAnOtlpEndpointExportsNothing() {
    assertThat(context.getBeanNamesForType(SpanExporter.class)).isEmpty();
  }

  @Test
  void apiDocumentWhenSignedInThenReachable() {
    String email = "ops-docs-" + UUID.randomUUID() + "@example.com";
    emulator.accounts().create(email, "Ops");
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);

    GoogleBrowser.Response docs = browser.get("/v3/api-docs");

    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.body()).contains("/api/integrations/status");
  }

  private GoogleBrowser connectedToCalendar() {
    String email = "ops-" + UUID.randomUUID() + "@example.com";
    emulator.accounts().create(email, "Ops");
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);
    browser.connect("calendar", email, Set.of());
    return browser;
  }

  private String scrape() throws Exception {
    HttpResponse<String> response = get(managementPort, "/actuator/prometheus");
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private HttpResponse<String> get(int onPort, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + onPort + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void assertMoved(String before, String after, String metric, String... labels) {
    assertThat(sum(after, metric, labels))
        .as(metric + " " + String.join(",", labels))
        .isGreaterThan(sum(before, metric, labels));
  }

  /** The sum of a metric's samples whose labels contain all of {@code labels}. */
  private static double sum(String scrape, String metric, String... labels) {
    double total = 0;
    Matcher sample = SAMPLE.matcher(scrape);
    while (sample.find()) {
      String tags = sample.group(2) == null ? "" : sample.group(2);
      if (sample.group(1).equals(metric)
          && java.util.Arrays.stream(labels).allMatch(tags::contains)) {
        total += Double.parseDouble(sample.group(3));
      }
    }
    return total;
  }

  /**
   * Records the tracing spans of Theo's observations while attached (a handler added after the
   * tracing handler, so each observation's span is already there when it stops).
   */
  static final class SpanRecorder implements ObservationHandler<Observation.Context> {
    record Recorded(String name, String traceId, String spanId, String parentId) {}

    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();
    private volatile boolean attached = true;

    static SpanRecorder attachTo(ObservationRegistry registry) {
      SpanRecorder recorder = new SpanRecorder();
      registry.observationConfig().observationHandler(recorder);
      return recorder;
    }

    void stop() {
      attached = false;
    }

    List<Recorded> named(String name) {
      return recorded.stream().filter(span -> span.name().equals(name)).toList();
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
      String name = context.getName();
      return attached && name != null && name.startsWith("theo.");
    }

    @Override
    public void onStop(Observation.Context context) {
      TracingObservationHandler.TracingContext tracing =
          context.get(TracingObservationHandler.TracingContext.class);
      if (tracing != null && tracing.getSpan() != null) {
        var span = tracing.getSpan().context();
        recorded.add(
            new Recorded(context.getName(), span.traceId(), span.spanId(), span.parentId()));
      }
    }
  }
}
