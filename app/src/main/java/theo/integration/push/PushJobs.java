package theo.integration.push;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import theo.auth.IntegrationAuthorized;
import theo.integration.IntegrationDisconnected;
import theo.integration.Integrations;
import theo.integration.SyncRunFinished;

/**
 * When watches are opened, renewed and stopped: on connect (a job, so the connect page does not
 * wait for Google), after a sync that finds some missing (a restart, an expired channel, a new
 * calendar), on a timer for renewals; and how a poll that finds unannounced changes marks push
 * unhealthy.
 */
@Component
class PushJobs {
  static final String WATCH_TASK = "push-watch";
  static final String MAINTENANCE_TASK = "push-maintenance";
  private static final Logger log = LoggerFactory.getLogger(PushJobs.class);
  private static final Duration MESSAGE_MEMORY = Duration.ofDays(8);

  private final SchedulerClient scheduler;
  private final Task<WatchJob> watchTask;
  private final PushWatches watches;
  private final PushHealth health;
  private final PushChannelRepository channels;
  private final Integrations integrations;
  private final Clock clock;

  PushJobs(
      @Lazy SchedulerClient scheduler,
      @Lazy Task<WatchJob> watchTask,
      PushWatches watches,
      PushHealth health,
      PushChannelRepository channels,
      Integrations integrations,
      Clock clock) {
    this.scheduler = scheduler;
    this.watchTask = watchTask;
    this.watches = watches;
    this.health = health;
    this.channels = channels;
    this.integrations = integrations;
    this.clock = clock;
  }

  @EventListener
  void on(IntegrationAuthorized authorized) {
    integrations
        .find(authorized.integration())
        .filter(integration -> integration.push().isPresent())
        .ifPresent(integration -> scheduleWatch(authorized.userId(), integration.id()));
  }

  @EventListener
  void on(SyncRunFinished finished) {
    if (!"succeeded".equals(finished.outcome())) {
      return;
    }
    try {
      if ("schedule".equals(finished.trigger())
          && finished.processed() > 0
          && health.live(finished.userId(), finished.integration())) {
        // The poll found changes no notification announced: push counts as unhealthy (and polling
        // returns to its normal interval) until the next notification arrives.
        channels.missed(finished.userId(), finished.integration(), clock.instant());
      }
      integrations
          .find(finished.integration())
          .filter(integration -> integration.push().isPresent())
          .filter(integration -> !watches.complete(finished.userId(), integration))
          .ifPresent(integration -> scheduleWatch(finished.userId(), integration.id()));
    } catch (RuntimeException e) {
      log.warn("Push bookkeeping after a sync failed: {}", e.getClass().getSimpleName());
    }
  }

  @EventListener
  void on(IntegrationDisconnected disconnected) {
    integrations
        .find(disconnected.integration())
        .ifPresent(integration -> watches.stopAll(disconnected.userId(), integration));
  }

  private void scheduleWatch(UUID userId, String integration) {
    scheduler.scheduleIfNotExists(
        watchTask.instance(integration + ":" + userId, new WatchJob(userId, integration)),
        clock.instant());
  }

  void watch(WatchJob job) {
    integrations
        .find(job.integration())
        .ifPresent(integration -> watches.reconcile(job.userId(), integration));
  }

  void maintain() {
    watches.renewDue();
    channels.forgetMessagesBefore(clock.instant().minus(MESSAGE_MEMORY));
  }

  /** Data of the watch job: whose integration's watches to open. */
  record WatchJob(UUID userId, String integration) implements Serializable {}

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(PushProperties.class)
  static class Definitions {
    @Bean
    OneTimeTask<WatchJob> pushWatchTask(ObjectProvider<PushJobs> jobs) {
      return Tasks.oneTime(WATCH_TASK, WatchJob.class)
          .execute((instance, context) -> jobs.getObject().watch(instance.getData()));
    }

    @Bean
    Task<PushSyncs.Job> pushSyncTask(ObjectProvider<PushSyncs> syncs) {
      return Tasks.custom(PushSyncs.TASK, PushSyncs.Job.class)
          .execute(
              (instance, context) -> {
                try {
                  return syncs.getObject().run(instance.getData());
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return new CompletionHandler.OnCompleteReschedule<>(
                      Schedules.fixedDelay(Duration.ofSeconds(5)));
                }
              });
    }

    @Bean
    RecurringTask<Void> pushMaintenanceTask(
        ObjectProvider<PushJobs> jobs, ObjectProvider<PushSyncs> syncs, PushProperties properties) {
      return Tasks.recurring(MAINTENANCE_TASK, FixedDelay.of(properties.checkInterval()))
          .execute(
              (instance, context) -> {
                jobs.getObject().maintain();
                syncs.getObject().resumeStale();
              });
    }
  }
}
