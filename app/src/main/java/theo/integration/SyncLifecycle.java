package theo.integration;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import theo.platform.EmbeddedDatabase;

/**
 * Keeps sync runs alive across process ends: heartbeats the runs this process executes, closes runs
 * whose process is gone and resumes them from their checkpoint, and at shutdown stops this
 * process's runs at their next checkpoint (recorded as interrupted) before the job scheduler and
 * the database stop.
 */
@Component
class SyncLifecycle implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(SyncLifecycle.class);
  // A run waiting on quota may not reach a checkpoint soon; after this it is interrupted.
  private static final Duration GENTLE_STOP = Duration.ofSeconds(5);
  private static final Duration STOP_DEADLINE = Duration.ofSeconds(15);

  private final IntegrationSync sync;
  private final SyncProperties properties;
  private final boolean soleInstance;
  private volatile @Nullable ScheduledExecutorService timer;

  SyncLifecycle(
      IntegrationSync sync,
      SyncProperties properties,
      ObjectProvider<EmbeddedDatabase> embeddedDatabase) {
    this.sync = sync;
    this.properties = properties;
    this.soleInstance = embeddedDatabase.getIfAvailable() != null;
  }

  @Override
  public void start() {
    sync.acceptRuns();
    if (soleInstance) {
      sync.interruptAllActive();
    }
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "sync-heartbeat");
              thread.setDaemon(true);
              return thread;
            });
    long heartbeat = properties.heartbeat().toMillis();
    executor.scheduleWithFixedDelay(
        () -> quietly("heartbeat", sync::heartbeat), heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    long check = Math.max(heartbeat, properties.orphanedAfter().toMillis() / 3);
    executor.scheduleWithFixedDelay(
        () -> quietly("resume", sync::resumeInterrupted), 0, check, TimeUnit.MILLISECONDS);
    timer = executor;
  }

  @Override
  public void stop() {
    ScheduledExecutorService executor = timer;
    timer = null;
    sync.stopRuns(GENTLE_STOP, STOP_DEADLINE);
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return timer != null;
  }

  private static void quietly(String what, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      // The database may be away for a moment; the next round tries again.
      log.warn("Sync {} check failed: {}", what, e.toString());
    }
  }
}
