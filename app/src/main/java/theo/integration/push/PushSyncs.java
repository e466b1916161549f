package theo.integration.push;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import theo.integration.IntegrationSync;

/**
 * Turns notifications into incremental syncs. A notification records itself as pending and
 * schedules the user's push sync job for now, one job per user and integration (a deterministic
 * instance id on the cluster-wide job scheduler, so two instances never run it twice). The job
 * syncs until no notification is left that arrived after its last run started: a burst becomes one
 * running sync and at most one follow-up, which waits briefly for the burst to end.
 */
@Component
class PushSyncs {
  static final String TASK = "push-sync";
  static final String TRIGGER = "push";
  private static final String FOLLOW_UP = ":next";
  private static final long STEP_MS = 50;
  private static final Duration BUSY_PATIENCE = Duration.ofMinutes(2);
  private static final int MAX_ROUNDS = 10;

  private final SchedulerClient scheduler;
  private final Task<Job> task;
  private final PushChannelRepository pending;
  private final IntegrationSync sync;
  private final PushMetrics metrics;
  private final PushProperties properties;
  private final Clock clock;

  PushSyncs(
      @Lazy SchedulerClient scheduler,
      @Lazy Task<Job> task,
      PushChannelRepository pending,
      IntegrationSync sync,
      PushMetrics metrics,
      PushProperties properties,
      Clock clock) {
    this.scheduler = scheduler;
    this.task = task;
    this.pending = pending;
    this.sync = sync;
    this.metrics = metrics;
    this.properties = properties;
    this.clock = clock;
  }

  /** A change at {@code changedAt} was announced: sync it (or fold it into the pending sync). */
  void request(UUID userId, String integration, Instant changedAt) {
    Instant now = clock.instant();
    boolean alreadyPending = pending.request(userId, integration, min(changedAt, now), now);
    if (alreadyPending) {
      // Its job is scheduled or running and syncs again before it ends.
      metrics.coalesced();
      return;
    }
    if (!schedule(userId, integration, now)) {
      // The job is still there but ending (it found nothing pending a moment ago): a second
      // instance id picks this notification up once it is gone.
      scheduler.scheduleIfNotExists(
          task.instance(instanceId(userId, integration) + FOLLOW_UP, new Job(userId, integration)),
          now.plusSeconds(1));
    }
  }

  boolean schedule(UUID userId, String integration, Instant at) {
    return scheduler.scheduleIfNotExists(
        task.instance(instanceId(userId, integration), new Job(userId, integration)), at);
  }

  /** Schedules again the pending notifications whose job was lost (an instance died). */
  void resumeStale() {
    Instant before = clock.instant().minus(Duration.ofMinutes(1));
    for (PushChannelRepository.Pending.Key key : pending.stalePending(before)) {
      schedule(key.userId(), key.integration(), clock.instant());
    }
  }

  /** The job body: syncs until every notification that arrived is covered by a run. */
  CompletionHandler<Job> run(Job job) throws InterruptedException {
    Instant busySince = null;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Optional<PushChannelRepository.Pending> waiting =
          pending.pending(job.userId(), job.integration());
      if (waiting.isEmpty()) {
        return new CompletionHandler.OnCompleteRemove<>();
      }
      if (round > 0) {
        awaitBurstEnd(job, waiting.get());
      }
      Instant started = clock.instant();
      IntegrationSync.Triggered outcome =
          sync.runTriggered(job.userId(), job.integration(), TRIGGER);
      switch (outcome) {
        case SKIPPED -> {
          pending.forgetPending(job.userId(), job.integration());
          return new CompletionHandler.OnCompleteRemove<>();
        }
        case BUSY -> {
          // Another run (manual, recurring) is active; it may have read Google before the change.
          busySince = busySince == null ? started : busySince;
          if (Duration.between(busySince, clock.instant()).compareTo(BUSY_PATIENCE) > 0) {
            return later(Duration.ofSeconds(10));
          }
          Thread.sleep(250);
          round--;
        }
        case RAN -> {
          busySince = null;
          metrics.stored(Duration.between(waiting.get().firstChangeAt(), clock.instant()));
          if (pending.settle(job.userId(), job.integration(), started)) {
            return new CompletionHandler.OnCompleteRemove<>();
          }
        }
      }
    }
    return later(Duration.ofSeconds(1));
  }

  /**
   * Before a follow-up run: waits until notifications paused for {@code theo.push.quiet}, at most
   * {@code theo.push.coalesce} after the first one it covers.
   */
  private void awaitBurstEnd(Job job, PushChannelRepository.Pending waiting)
      throws InterruptedException {
    Instant latestStart = waiting.firstChangeAt().plus(properties.coalesce());
    PushChannelRepository.Pending current = waiting;
    while (clock.instant().isBefore(latestStart)
        && Duration.between(current.requestedAt(), clock.instant()).compareTo(properties.quiet())
            < 0) {
      Thread.sleep(STEP_MS);
      current = pending.pending(job.userId(), job.integration()).orElse(current);
    }
  }

  private CompletionHandler<Job> later(Duration delay) {
    return new CompletionHandler.OnCompleteReschedule<>(Schedules.fixedDelay(delay));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  static String instanceId(UUID userId, String integration) {
    return integration + ":" + userId;
  }

  /** Data of the push sync job: whose integration to sync. */
  record Job(UUID userId, String integration) implements Serializable {}
}
