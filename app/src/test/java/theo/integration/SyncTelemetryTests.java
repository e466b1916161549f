package theo.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Sync runs as metrics and log context, without a person in any tag. */
class SyncTelemetryTests {
  private static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final SyncTelemetry telemetry;

  SyncTelemetryTests() {
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    telemetry = new SyncTelemetry(observations, meters, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void succeededRunIsTimedByOutcomeCountsItsItemsAndLeavesNoLogContext() {
    SyncRunRecord run = run("schedule");

    try (SyncTelemetry.ObservedRun observed = telemetry.started(run)) {
      assertThat(MDC.get(SyncTelemetry.MDC_RUN)).isEqualTo(run.id().toString());
      assertThat(gaugeInProgress()).isEqualTo(1);
      telemetry.finished(run.id(), "succeeded", 42);
    }

    assertThat(
            meters
                .get(SyncTelemetry.RUNS_METRIC)
                .tags("integration", "gmail", "type", "auto", "trigger", "schedule")
                .tag("outcome", "succeeded")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(meters.get("theo.sync.items").tag("integration", "gmail").counter().count())
        .isEqualTo(42);
    assertThat(gaugeInProgress()).isZero();
    assertThat(MDC.get(SyncTelemetry.MDC_RUN)).isNull();
    assertThat(meters.getMeters())
        .allSatisfy(
            meter ->
                assertThat(meter.getId().getTags().toString())
                    .doesNotContain(run.userId().toString())
                    .doesNotContain(run.id().toString()));
  }

  @Test
  void failedRunStoresNothingAndUnknownTriggersCountAsOther() {
    SyncRunRecord run = run("something-new");

    try (SyncTelemetry.ObservedRun observed = telemetry.started(run)) {
      telemetry.finished(run.id(), "failed", 7);
    }

    assertThat(
            meters
                .get(SyncTelemetry.RUNS_METRIC)
                .tags("trigger", "other", "outcome", "failed")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(meters.find("theo.sync.items").counter()).isNull();
  }

  @Test
  void recurringSyncStartedLateRecordsTheLag() {
    telemetry.recurringStarted("calendar", NOW.minus(Duration.ofSeconds(90)));

    assertThat(
            meters
                .get("theo.sync.scheduler.lag")
                .tag("integration", "calendar")
                .timer()
                .max(TimeUnit.SECONDS))
        .isEqualTo(90);
  }

  private double gaugeInProgress() {
    return meters.get("theo.sync.runs.in-progress").tag("integration", "gmail").gauge().value();
  }

  private static SyncRunRecord run(String trigger) {
    return new SyncRunRecord(
        UUID.randomUUID(),
        UUID.randomUUID(),
        "gmail",
        "auto",
        null,
        "running",
        trigger,
        0,
        -1,
        null,
        false,
        NOW,
        NOW,
        null);
  }
}
