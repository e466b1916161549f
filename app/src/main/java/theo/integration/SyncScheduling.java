package theo.integration;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The sync jobs on db-scheduler (persistent, cluster-safe): a one-time task per queued run, and a
 * recurring task per connected user and integration that reschedules itself after each run.
 */
@Component
class SyncScheduling {
  static final String RUN_TASK = "integration-sync-run";
  static final String RECURRING_TASK = "integration-sync-recurring";

  private final SchedulerClient scheduler;
  private final Task<RunJob> runTask;
  private final Task<RecurringJob> recurringTask;
  private final SyncProperties properties;
  private final Clock clock;

  SyncScheduling(
      @Lazy SchedulerClient scheduler,
      Task<RunJob> runTask,
      Task<RecurringJob> recurringTask,
      SyncProperties properties,
      Clock clock) {
    this.scheduler = scheduler;
    this.runTask = runTask;
    this.recurringTask = recurringTask;
    this.properties = properties;
    this.clock = clock;
  }

  void scheduleRun(UUID runId) {
    scheduler.scheduleIfNotExists(
        runTask.instance(runId.toString(), new RunJob(runId)), clock.instant());
  }

  void ensureRecurring(UUID userId, String integration) {
    scheduler.scheduleIfNotExists(
        recurringTask.instance(
            recurringId(userId, integration), new RecurringJob(userId, integration)),
        clock.instant().plus(properties.interval()));
  }

  void cancelRecurring(UUID userId, String integration) {
    TaskInstanceId id = TaskInstanceId.of(RECURRING_TASK, recurringId(userId, integration));
    if (scheduler.getScheduledExecution(id).isPresent()) {
      try {
        scheduler.cancel(id);
      } catch (RuntimeException e) {
        // Picked by a scheduler thread right now: it finds the integration disconnected and stops.
      }
    }
  }

  /**
   * Brings the next recurring sync forward to at most {@code within} from now (push stopped being
   * healthy while the relaxed interval was in force).
   */
  void recurringWithin(UUID userId, String integration, Duration within) {
    TaskInstanceId id = TaskInstanceId.of(RECURRING_TASK, recurringId(userId, integration));
    Instant latest = clock.instant().plus(within);
    scheduler
        .getScheduledExecution(id)
        .filter(execution -> !execution.isPicked())
        .filter(execution -> execution.getExecutionTime().isAfter(latest))
        .ifPresent(
            execution -> {
              try {
                scheduler.reschedule(id, latest);
              } catch (RuntimeException e) {
                // Picked meanwhile: it runs now anyway.
              }
            });
  }

  boolean recurringScheduled(UUID userId, String integration) {
    return scheduler
        .getScheduledExecution(TaskInstanceId.of(RECURRING_TASK, recurringId(userId, integration)))
        .isPresent();
  }

  private static String recurringId(UUID userId, String integration) {
    return integration + ":" + userId;
  }

  /** Data of the one-time task: the run to execute. */
  record RunJob(UUID runId) implements Serializable {}

  /** Data of the recurring task: whose integration to sync. */
  record RecurringJob(UUID userId, String integration) implements Serializable {}

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(SyncProperties.class)
  static class Jobs {
    @Bean
    OneTimeTask<RunJob> syncRunTask(ObjectProvider<IntegrationSync> sync) {
      return Tasks.oneTime(RUN_TASK, RunJob.class)
          .execute((instance, context) -> sync.getObject().execute(instance.getData().runId()));
    }

    @Bean
    Task<RecurringJob> syncRecurringTask(
        ObjectProvider<IntegrationSync> sync,
        SyncProperties properties,
        ObjectProvider<SyncTelemetry> telemetry,
        ObjectProvider<RecurringInterval> intervals) {
      return Tasks.custom(RECURRING_TASK, RecurringJob.class)
          .execute(
              (instance, context) -> {
                RecurringJob job = instance.getData();
                telemetry
                    .getObject()
                    .recurringStarted(job.integration(), context.getExecution().executionTime);
                sync.getObject().runRecurring(job.userId(), job.integration());
                RecurringInterval interval = intervals.getIfAvailable();
                return new CompletionHandler.OnCompleteReschedule<>(
                    Schedules.fixedDelay(
                        interval == null
                            ? properties.interval()
                            : interval.next(
                                job.userId(), job.integration(), properties.interval())));
              });
    }
  }
}
