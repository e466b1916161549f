package theo.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import theo.TheoTest;
import theo.integration.spi.SyncType;

/** The run lifecycle across process ends: orphaned runs are closed as interrupted and resumed. */
@TheoTest
class IntegrationSyncTests {
  @Autowired IntegrationSync sync;
  @Autowired Integrations integrations;
  @Autowired JdbcClient jdbc;

  @Test
  void startWhenTheActiveRunLostItsProcessThenANewRunReplacesAndResumesIt() {
    UUID userId = UUID.randomUUID();
    UUID orphan = runningRun(userId, Instant.now().minus(Duration.ofMinutes(5)));

    IntegrationSync.StartedRun started =
        sync.start(userId, integrations.require("gmail"), SyncType.AUTO, "manual");

    assertThat(started.alreadyActive()).isFalse();
    assertThat(started.runId()).isNotEqualTo(orphan);
    assertThat(status(orphan)).isEqualTo("interrupted");
    assertThat(resumedBy(orphan)).isEqualTo(started.runId());
  }

  @Test
  void startWhenTheActiveRunIsAliveThenItIsAlreadyRunning() {
    UUID userId = UUID.randomUUID();
    UUID alive = runningRun(userId, Instant.now());

    IntegrationSync.StartedRun started =
        sync.start(userId, integrations.require("gmail"), SyncType.AUTO, "manual");

    assertThat(started.alreadyActive()).isTrue();
    assertThat(started.runId()).isEqualTo(alive);
    assertThat(status(alive)).isEqualTo("running");
  }

  @Test
  void resumeInterruptedWhenARunIsOrphanedThenItIsClosedAndResumedOnce() {
    UUID userId = UUID.randomUUID();
    UUID orphan = runningRun(userId, Instant.now().minus(Duration.ofMinutes(5)));

    sync.resumeInterrupted();
    sync.resumeInterrupted();

    assertThat(status(orphan)).isEqualTo("interrupted");
    List<UUID> resumes =
        jdbc.sql("select id from sync_runs where user_id = ? and trigger = 'resume'")
            .param(userId)
            .query(UUID.class)
            .list();
    assertThat(resumes).hasSize(1);
    assertThat(resumedBy(orphan)).isEqualTo(resumes.get(0));
  }

  private UUID runningRun(UUID userId, Instant heartbeat) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            insert into sync_runs (id, user_id, integration, requested_type, status, trigger,
                                   processed, queued_at, started_at, heartbeat_at)
            values (?, ?, 'gmail', 'full', 'running', 'manual', 1500, ?, ?, ?)
            """)
        .params(
            id,
            userId,
            Timestamp.from(heartbeat.minusSeconds(60)),
            Timestamp.from(heartbeat.minusSeconds(60)),
            Timestamp.from(heartbeat))
        .update();
    return id;
  }

  private String status(UUID run) {
    return jdbc.sql("select status from sync_runs where id = ?")
        .param(run)
        .query(String.class)
        .single();
  }

  private UUID resumedBy(UUID run) {
    return jdbc.sql("select resumed_by from sync_runs where id = ?")
        .param(run)
        .query(UUID.class)
        .single();
  }
}
