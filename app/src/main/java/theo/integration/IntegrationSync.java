package theo.integration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import theo.integration.spi.Integration;
import theo.integration.spi.SyncCancelledException;
import theo.integration.spi.SyncEngine;
import theo.integration.spi.SyncResult;
import theo.integration.spi.SyncRun;
import theo.integration.spi.SyncStats;
import theo.integration.spi.SyncType;
import theo.platform.ConflictException;
import theo.platform.InstanceName;
import theo.platform.NotFoundException;

/**
 * Runs integrations' sync engines for users: queues runs (one active per user and integration),
 * executes them on the job scheduler, records their history, cancels them, and keeps each connected
 * integration's recurring sync scheduled.
 */
@Service
public class IntegrationSync {
  private static final Logger log = LoggerFactory.getLogger(IntegrationSync.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(15);

  private final SyncRunRepository runs;
  private final SyncScheduling scheduling;
  private final Integrations integrations;
  private final SyncPauses pauses;
  private final ApplicationEventPublisher events;
  private final SyncProperties properties;
  private final SyncTelemetry telemetry;
  private final Clock clock;
  private final String instance;
  private final Map<UUID, Thread> inFlight = new ConcurrentHashMap<>();
  private volatile boolean stopping;

  IntegrationSync(
      SyncRunRepository runs,
      SyncScheduling scheduling,
      Integrations integrations,
      SyncPauses pauses,
      ApplicationEventPublisher events,
      SyncProperties properties,
      SyncTelemetry telemetry,
      Clock clock,
      InstanceName instance) {
    this.runs = runs;
    this.scheduling = scheduling;
    this.integrations = integrations;
    this.pauses = pauses;
    this.events = events;
    this.properties = properties;
    this.telemetry = telemetry;
    this.clock = clock;
    this.instance = instance.value();
  }

  /**
   * Queues a run and schedules it to start now. When a run is already active it is returned
   * instead, with {@code alreadyActive} set.
   */
  public StartedRun start(UUID userId, Integration integration, SyncType type, String trigger) {
    engineOf(integration);
    if (pauses.isPaused(userId)) {
      throw new ConflictException(
          "SYNC_PAUSED", "Sync is paused until you reconnect your Google account");
    }
    UUID id = UUID.randomUUID();
    String typeName = type.name().toLowerCase(Locale.ROOT);
    if (runs.insertQueued(id, userId, integration.id(), typeName, trigger, clock.instant())) {
      scheduling.scheduleRun(id);
      return new StartedRun(id, false);
    }
    Optional<SyncRunRecord> active = runs.active(userId, integration.id());
    if (active.isPresent() && !interruptIfOrphaned(active.get())) {
      return new StartedRun(active.get().id(), true);
    }
    // The active run ended meanwhile, or its process is gone: this run replaces (and resumes) it.
    StartedRun started = start(userId, integration, type, trigger);
    active.ifPresent(orphan -> runs.markResumed(orphan.id(), started.runId()));
    return started;
  }

  /**
   * Closes runs whose process is gone (no heartbeat for {@code theo.sync.orphaned-after}) as
   * interrupted, then resumes every interrupted run not resumed yet: a new run continues from the
   * engine's checkpoint. Safe on several instances at once: each step is one conditional update.
   */
  public void resumeInterrupted() {
    Instant now = clock.instant();
    List<UUID> orphans = runs.interruptOrphans(now.minus(properties.orphanedAfter()), now);
    if (!orphans.isEmpty()) {
      log.warn("Sync runs {} lost their process; closed as interrupted", orphans);
    }
    runs.toResume(100).forEach(this::resume);
  }

  /**
   * At start-up with a database no other instance uses (the embedded PostgreSQL), every run left
   * active belongs to a process that is gone.
   */
  void interruptAllActive() {
    Instant now = clock.instant();
    List<UUID> orphans = runs.interruptOrphans(now, now);
    if (!orphans.isEmpty()) {
      log.warn("Sync runs {} were left running by the previous process; resuming them", orphans);
    }
  }

  private boolean interruptIfOrphaned(SyncRunRecord run) {
    Instant now = clock.instant();
    return runs.interruptOrphan(run.id(), now.minus(properties.orphanedAfter()), now);
  }

  private void resume(SyncRunRecord interrupted) {
    Integration integration = integrations.find(interrupted.integration()).orElse(null);
    if (integration == null || integration.syncEngine().isEmpty()) {
      runs.markResumed(interrupted.id(), interrupted.id());
      return;
    }
    if (pauses.isPaused(interrupted.userId())) {
      return; // resumed once the person reconnects and the pause ends
    }
    UUID id = UUID.randomUUID();
    // A full run that got somewhere continues as "auto": the engine resumes its checkpoint, and a
    // run interrupted after its full pass ended only has the incremental tail left.
    String type =
        "full".equals(interrupted.requestedType()) && interrupted.processed() > 0
            ? "auto"
            : interrupted.requestedType();
    Instant now = clock.instant();
    if (runs.insertQueued(
        id, interrupted.userId(), interrupted.integration(), type, "resume", now)) {
      if (runs.markResumed(interrupted.id(), id)) {
        scheduling.scheduleRun(id);
        log.info(
            "Sync run {} of {} resumes as run {} from its checkpoint at {} items",
            interrupted.id(),
            interrupted.integration(),
            id,
            interrupted.processed());
      } else {
        // Another instance resumed it first: drop the duplicate before it starts.
        runs.finish(id, "cancelled", null, null, null, now);
      }
      return;
    }
    // Another run is active: it continues from the same checkpoint.
    runs.active(interrupted.userId(), interrupted.integration())
        .ifPresent(active -> runs.markResumed(interrupted.id(), active.id()));
  }

  /** Stops the active run, if any; returns whether there was one. */
  public boolean cancel(UUID userId, Integration integration) {
    return runs.requestCancel(userId, integration.id(), clock.instant()).isPresent();
  }

  /** Makes sure the recurring sync of a connected integration is scheduled. */
  public void ensureRecurring(UUID userId, Integration integration) {
    if (integration.syncEngine().isPresent()) {
      scheduling.ensureRecurring(userId, integration.id());
    }
  }

  /**
   * Stops everything sync does for a user's integration: the recurring schedule and the active run
   * (waiting briefly for it to end, so no page is written after the data is deleted).
   */
  public void stopAll(UUID userId, Integration integration) {
    scheduling.cancelRecurring(userId, integration.id());
    Optional<UUID> active = runs.requestCancel(userId, integration.id(), clock.instant());
    if (active.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + STOP_WAIT.toNanos();
    while (System.nanoTime() < deadline
        && runs.find(active.get()).map(SyncRunRecord::active).orElse(false)) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Forgets a user's sync history for an integration (after disconnect). */
  public void forget(UUID userId, Integration integration) {
    runs.deleteAll(userId, integration.id());
  }

  /** What the sync endpoint reports for a user's integration. */
  public SyncStatus status(UUID userId, Integration integration) {
    Optional<SyncRunRecord> active = runs.active(userId, integration.id());
    List<SyncRunRecord> recent = runs.recent(userId, integration.id(), 10);
    SyncRunRecord latest = recent.isEmpty() ? null : recent.get(0);
    String state;
    if (active.isPresent()) {
      state = "running";
    } else if (pauses.isPaused(userId)) {
      state = "paused";
    } else if (latest != null && "failed".equals(latest.status())) {
      state = "error";
    } else {
      state = "idle";
    }
    SyncRunRecord shown = active.orElse(latest);
    SyncStats stats =
        integration.syncEngine().map(engine -> engine.stats(userId)).orElse(SyncStats.NONE);
    return new SyncStatus(
        state,
        shown == null ? null : Optional.ofNullable(shown.ranAs()).orElse(shown.requestedType()),
        shown == null ? null : new SyncStatus.Progress(shown.processed(), shown.total()),
        runs.lastSucceeded(userId, integration.id(), false).orElse(null),
        runs.lastSucceeded(userId, integration.id(), true).orElse(null),
        latest != null && "failed".equals(latest.status()) ? latest.error() : null,
        stats,
        recent.stream().map(SyncStatus.Run::of).toList());
  }

  /** When the last successful run of an integration ended, if any. */
  public Optional<Instant> lastSyncAt(UUID userId, String integrationId) {
    return runs.lastSucceeded(userId, integrationId, false);
  }

  /** Job body: executes one queued run. Idempotent: a finished run is left alone. */
  void execute(UUID runId) {
    SyncRunRecord run = runs.find(runId).orElse(null);
    if (run == null || !run.active()) {
      return;
    }
    Integration integration = integrations.find(run.integration()).orElse(null);
    if (integration == null || integration.syncEngine().isEmpty()) {
      runs.finish(runId, "failed", null, null, "Unknown integration", clock.instant());
      return;
    }
    if (!runs.markRunning(runId, instance, clock.instant())) {
      return;
    }
    SyncType type = SyncType.valueOf(run.requestedType().toUpperCase(Locale.ROOT));
    inFlight.put(runId, Thread.currentThread());
    SyncTelemetry.ObservedRun observed = telemetry.started(run);
    try {
      if (stopping) {
        throw new SyncCancelledException();
      }
      SyncResult result =
          integration.syncEngine().get().sync(run.userId(), type, new TrackedRun(runId));
      finish(
          run,
          "succeeded",
          result.ranAs().name().toLowerCase(Locale.ROOT),
          result.processed(),
          null);
    } catch (Exception e) {
      if (stopping && !runs.cancelRequested(runId)) {
        // Whatever the engine was doing when the server stopped: its last checkpoint is committed
        // and the run resumes from it after the restart.
        Thread.interrupted();
        log.info("Sync run {} of {} interrupted by the shutdown", runId, integration.id());
        long processed = runs.find(runId).map(SyncRunRecord::processed).orElse(0L);
        finish(run, "interrupted", null, processed, null);
      } else if (e instanceof SyncCancelledException) {
        finish(run, "cancelled", null, 0, null);
      } else {
        log.warn(
            "Sync run {} of {} failed: {}",
            runId,
            integration.id(),
            SyncFailure.operatorSummary(e));
        finish(run, "failed", null, 0, SyncFailure.wordsFor(e));
      }
    } finally {
      inFlight.remove(runId);
      observed.close();
    }
  }

  /**
   * Records how a run ended and tells the other modules. Only a succeeded run stores its count (the
   * others keep the progress they reported).
   */
  private void finish(
      SyncRunRecord run,
      String status,
      @Nullable String ranAs,
      long processed,
      @Nullable String error) {
    telemetry.finished(run.id(), status, processed);
    runs.finish(
        run.id(),
        status,
        ranAs,
        "succeeded".equals(status) ? processed : null,
        error,
        clock.instant());
    events.publishEvent(
        new SyncRunFinished(
            run.userId(), run.integration(), run.id(), run.trigger(), status, processed, error));
  }

  /** Marks the runs this process executes as alive (their heartbeat). */
  void heartbeat() {
    if (!inFlight.isEmpty()) {
      runs.heartbeat(List.copyOf(inFlight.keySet()), clock.instant());
    }
  }

  /**
   * Shutdown: every run stops at its next checkpoint and is recorded as interrupted. Runs still
   * busy after {@code gentle} (waiting on quota, say) are interrupted; returns once all ended or
   * {@code deadline} passed.
   */
  /**
   * Takes runs again after {@link #stopRuns}: a context is stopped and started again without being
   * closed (Spring's test context cache pauses contexts it is not using).
   */
  void acceptRuns() {
    stopping = false;
  }

  void stopRuns(Duration gentle, Duration deadline) {
    stopping = true;
    long start = System.nanoTime();
    if (!awaitNoRuns(start + gentle.toNanos())) {
      inFlight.values().forEach(Thread::interrupt);
      awaitNoRuns(start + deadline.toNanos());
    }
    if (!inFlight.isEmpty()) {
      log.warn("Sync runs {} still running at shutdown", inFlight.keySet());
    }
  }

  private boolean awaitNoRuns(long deadlineNanos) {
    while (!inFlight.isEmpty() && System.nanoTime() < deadlineNanos) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return inFlight.isEmpty();
      }
    }
    return inFlight.isEmpty();
  }

  /** Job body of the recurring sync: starts an automatic run unless paused or already running. */
  void runRecurring(UUID userId, String integrationId) {
    Integration integration = integrations.find(integrationId).orElse(null);
    if (integration == null || pauses.isPaused(userId)) {
      return;
    }
    UUID id = UUID.randomUUID();
    if (runs.insertQueued(id, userId, integrationId, "auto", "schedule", clock.instant())) {
      execute(id);
    }
  }

  /**
   * Runs an automatic sync now on the calling thread (a push notification's), unless the sync is
   * paused or another run is active; says which.
   */
  public Triggered runTriggered(UUID userId, String integrationId, String trigger) {
    Integration integration = integrations.find(integrationId).orElse(null);
    if (integration == null || integration.syncEngine().isEmpty() || pauses.isPaused(userId)) {
      return Triggered.SKIPPED;
    }
    UUID id = UUID.randomUUID();
    if (!runs.insertQueued(id, userId, integrationId, "auto", trigger, clock.instant())) {
      return Triggered.BUSY;
    }
    execute(id);
    return Triggered.RAN;
  }

  /**
   * Brings the integration's next recurring sync forward to the normal interval (push stopped being
   * healthy while the relaxed one was in force).
   */
  public void pollAtNormalInterval(UUID userId, String integrationId) {
    scheduling.recurringWithin(userId, integrationId, properties.interval());
  }

  /** What {@link #runTriggered} did. */
  public enum Triggered {
    RAN,
    BUSY,
    SKIPPED
  }

  private static SyncEngine engineOf(Integration integration) {
    return integration
        .syncEngine()
        .orElseThrow(
            () ->
                new NotFoundException(
                    "SYNC_NOT_SUPPORTED", integration.displayName() + " has no sync"));
  }

  /** A run just queued, or the one that was already active. */
  public record StartedRun(UUID runId, boolean alreadyActive) {}

  /**
   * The run handle given to an engine: progress goes to the run's row, cancellation comes from it.
   */
  private final class TrackedRun implements SyncRun {
    private final UUID id;

    TrackedRun(UUID id) {
      this.id = id;
    }

    @Override
    public void progress(long processed, long total) {
      runs.progress(id, processed, total, clock.instant());
    }

    @Override
    public void checkCancelled() {
      if (stopping || runs.cancelRequested(id)) {
        throw new SyncCancelledException();
      }
    }
  }

  /** Sync status as the API shows it. */
  public record SyncStatus(
      String status,
      @Nullable String type,
      @Nullable Progress progress,
      @Nullable Instant lastSyncAt,
      @Nullable Instant lastFullSyncAt,
      @Nullable String error,
      SyncStats stats,
      List<Run> history) {

    /** How far a run got; {@code total} is -1 while unknown. */
    public record Progress(long processed, long total) {}

    /** One past or current run. */
    public record Run(
        UUID id,
        String status,
        String type,
        String trigger,
        long processed,
        Instant queuedAt,
        @Nullable Instant finishedAt,
        @Nullable String error) {
      static Run of(SyncRunRecord run) {
        return new Run(
            run.id(),
            run.status(),
            Optional.ofNullable(run.ranAs()).orElse(run.requestedType()),
            run.trigger(),
            run.processed(),
            run.queuedAt(),
            run.finishedAt(),
            run.error());
      }
    }
  }
}
