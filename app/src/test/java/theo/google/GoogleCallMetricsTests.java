package theo.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Google calls as metrics: one timer per call tagged with its outcome class, retries counted. */
class GoogleCallMetricsTests {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ObservationRegistry observations = ObservationRegistry.create();
  private final GoogleRetry retry;

  GoogleCallMetricsTests() {
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    retry =
        new GoogleRetry(
            new GoogleRetry.Settings(
                4, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5)),
            observations,
            meters);
  }

  @Test
  void callThatSucceedsAfterATransientFailureCountsOneOkCallAndOneRetry() {
    AtomicInteger attempts = new AtomicInteger();

    retry.run(
        GoogleApis.GMAIL,
        "users.messages.list",
        () -> {
          if (attempts.incrementAndGet() == 1) {
            throw answer(503);
          }
          return "ok";
        });

    assertThat(calls("gmail", "users.messages.list", "ok")).isEqualTo(1);
    assertThat(meters.get(GoogleRetry.RETRIES_METRIC).tag("outcome", "transient").counter().count())
        .isEqualTo(1);
  }

  @Test
  void callThatFailsForGoodIsCountedByItsOutcomeClass() {
    assertThatThrownBy(
            () ->
                retry.run(
                    GoogleApis.CALENDAR,
                    "events.get",
                    () -> {
                      throw answer(404);
                    }))
        .isInstanceOf(GoogleNotFoundException.class);

    assertThat(calls("calendar", "events.get", "not_found")).isEqualTo(1);
    assertThat(meters.find(GoogleRetry.RETRIES_METRIC).counter()).isNull();
  }

  private long calls(String api, String method, String outcome) {
    return meters
        .get(GoogleRetry.CALLS_METRIC)
        .tag("api", api)
        .tag("method", method)
        .tag("outcome", outcome)
        .timer()
        .count();
  }

  private static HttpResponseException answer(int status) {
    return new HttpResponseException.Builder(status, "status " + status, new HttpHeaders()).build();
  }
}
