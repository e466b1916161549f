package theo.integration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * What operators see of sync runs: each executed run is one observation {@code theo.sync.runs} (a
 * timer tagged by integration, type, trigger and outcome, and with tracing one trace whose children
 * are the run's Google calls), {@code theo.sync.items} counts what succeeded runs stored, {@code
 * theo.sync.runs.in-progress} how many run on this instance, {@code theo.sync.scheduler.lag} how
 * late recurring syncs start. While a run executes its id and integration are in the MDC, so every
 * log line of the run (Google calls included) carries them; its end is logged with its outcome.
 * Tags never name a person.
 */
@Component
class SyncTelemetry {
  private static final Logger log = LoggerFactory.getLogger(SyncTelemetry.class);
  static final String RUNS_METRIC = "theo.sync.runs";
  static final String MDC_RUN = "sync.run";
  static final String MDC_INTEGRATION = "sync.integration";

  private final ObservationRegistry observations;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Map<String, AtomicInteger> inProgress = new ConcurrentHashMap<>();
  private final Map<UUID, ObservedRun> running = new ConcurrentHashMap<>();

  SyncTelemetry(ObservationRegistry observations, MeterRegistry meters, Clock clock) {
    this.observations = observations;
    this.meters = meters;
    this.clock = clock;
  }

  /** A run starts executing on this thread: observed, counted in progress, its ids in the MDC. */
  ObservedRun started(SyncRunRecord run) {
    AtomicInteger gauge =
        inProgress.computeIfAbsent(
            run.integration(),
            integration ->
                meters.gauge(
                    "theo.sync.runs.in-progress",
                    Tags.of("integration", integration),
                    new AtomicInteger()));
    gauge.incrementAndGet();
    Observation observation =
        Observation.createNotStarted(RUNS_METRIC, observations)
            .contextualName("sync " + run.integration())
            .lowCardinalityKeyValue("integration", run.integration())
            .lowCardinalityKeyValue("type", run.requestedType())
            .lowCardinalityKeyValue("trigger", triggerOf(run.trigger()))
            .highCardinalityKeyValue("sync.run", run.id().toString())
            .start();
    ObservedRun observed = new ObservedRun(run, observation, observation.openScope(), gauge);
    running.put(run.id(), observed);
    MDC.put(MDC_RUN, run.id().toString());
    MDC.put(MDC_INTEGRATION, run.integration());
    return observed;
  }

  /** How the run ended; {@code stored} counts only for a succeeded run. */
  void finished(UUID runId, String outcome, long stored) {
    ObservedRun observed = running.get(runId);
    if (observed != null) {
      observed.outcome = outcome;
      observed.stored = "succeeded".equals(outcome) ? stored : 0;
    }
  }

  /** A recurring sync due at {@code due} is starting now. */
  void recurringStarted(String integration, Instant due) {
    Duration lag = Duration.between(due, clock.instant());
    Timer.builder("theo.sync.scheduler.lag")
        .description("Time from a recurring sync's due time to its start")
        .tag("integration", integration)
        .register(meters)
        .record(lag.isNegative() ? Duration.ZERO : lag);
  }

  /** Triggers are a small fixed set; anything else counts as "other". */
  private static String triggerOf(String trigger) {
    return switch (trigger == null ? "" : trigger) {
      case "manual", "schedule", "resume", "connect", "api" -> trigger;
      default -> "other";
    };
  }

  /** One run being executed; closing it ends its observation and logs its outcome. */
  final class ObservedRun implements AutoCloseable {
    private final SyncRunRecord run;
    private final Observation observation;
    private final Observation.Scope scope;
    private final AtomicInteger gauge;
    private final long startedNanos = System.nanoTime();
    private String outcome = "interrupted";
    private long stored;

    private ObservedRun(
        SyncRunRecord run, Observation observation, Observation.Scope scope, AtomicInteger gauge) {
      this.run = run;
      this.observation = observation;
      this.scope = scope;
      this.gauge = gauge;
    }

    @Override
    public void close() {
      running.remove(run.id());
      gauge.decrementAndGet();
      if (stored > 0) {
        Counter.builder("theo.sync.items")
            .description("Items (messages, contacts, events) stored by succeeded sync runs")
            .tag("integration", run.integration())
            .register(meters)
            .increment(stored);
      }
      log.info(
          "Sync run {} of {} ({}, {}) ended {}: {} items in {} ms",
          run.id(),
          run.integration(),
          run.requestedType(),
          run.trigger(),
          outcome,
          stored,
          (System.nanoTime() - startedNanos) / 1_000_000);
      scope.close();
      observation.lowCardinalityKeyValue("outcome", outcome).stop();
      MDC.remove(MDC_RUN);
      MDC.remove(MDC_INTEGRATION);
    }
  }
}
