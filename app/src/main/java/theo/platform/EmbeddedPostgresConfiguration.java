package theo.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Runs a real PostgreSQL from Maven-shipped binaries when no {@code spring.datasource.url} is set,
 * so Theo starts with no database installed. Its DataSource is the only one, so Flyway, Spring
 * Session and db-scheduler all use it; Boot's own DataSource backs off. It stops last: after the
 * syncs, the job scheduler and the connection pool ({@link OrderlyTermination}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoDatasourceUrl.class)
class EmbeddedPostgresConfiguration {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

  private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(20);

  @Bean
  EmbeddedDatabase embeddedDatabase(EmbeddedPostgres postgres) {
    return new EmbeddedDatabase(postgres.getPort());
  }

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(PlatformProperties properties, DataDirectory dataDirectory) {
    PlatformProperties.EmbeddedPostgres settings = properties.embeddedPostgres();
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
    if (settings.persistent()) {
      try {
        Path data = Files.createDirectories(dataDirectory.resolve("postgres"));
        stopOrphan(data);
        builder
            .setDataDirectory(data)
            .setCleanDataDirectory(false)
            // The embedded server starts with fsync off (fine for throwaway test databases); data
            // kept between runs gets PostgreSQL's default, so a power cut cannot corrupt it.
            .setServerConfig("fsync", "on");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    builder.setServerConfig("max_wal_size", settings.maxWalSize());
    // The server's log is relayed into Theo's: no DETAIL ("Failing row contains" the row) and no
    // failing statement, so message content never reaches it.
    builder.setServerConfig("log_error_verbosity", "terse");
    builder.setServerConfig("log_min_error_statement", "panic");
    if (settings.port() > 0) {
      builder.setPort(settings.port());
    }
    try {
      EmbeddedPostgres postgres = builder.start();
      log.info(
          "Embedded PostgreSQL on port {} ({})",
          postgres.getPort(),
          settings.persistent() ? "data in " + dataDirectory.resolve("postgres") : "throwaway");
      return postgres;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
    }
  }

  @Bean(destroyMethod = "close")
  DataSource dataSource(EmbeddedPostgres postgres) {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    dataSource.setUsername("postgres");
    dataSource.setPoolName("theo-embedded");
    dataSource.setMaximumPoolSize(10);
    // JDBC batches become multi-row inserts (a Gmail full sync upserts pages of 500 messages).
    dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
    // Keeps rows and statement parameters (message content) out of exceptions and the log.
    dataSource.addDataSourceProperty("logServerErrorDetail", "false");
    return dataSource;
  }

  /**
   * A Theo process killed with SIGKILL leaves its PostgreSQL running on the data folder (the
   * postmaster outlives its parent), and a new one cannot start there. That orphan is stopped
   * first: SIGTERM is PostgreSQL's smart shutdown, quick here since its clients died with Theo.
   */
  private static void stopOrphan(Path data) {
    Optional<ProcessHandle> orphan = postmaster(data);
    if (orphan.isEmpty()) {
      return;
    }
    ProcessHandle process = orphan.get();
    log.warn(
        "Stopping the PostgreSQL (pid {}) a previous Theo process left running on {}",
        process.pid(),
        data);
    process.destroy();
    if (!awaitExit(process, ORPHAN_STOP_WAIT)) {
      throw new IllegalStateException(
          "The PostgreSQL (pid "
              + process.pid()
              + ") left running on "
              + data
              + " does not stop; stop it, then start Theo again");
    }
  }

  /** The live postmaster recorded in the data folder's {@code postmaster.pid}, if any. */
  private static Optional<ProcessHandle> postmaster(Path data) {
    Path pidFile = data.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    try (Stream<String> lines = Files.lines(pidFile)) {
      return lines
          .findFirst()
          .map(String::trim)
          .filter(line -> line.matches("\\d+"))
          .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
          .filter(ProcessHandle::isAlive)
          // a pid recorded before a reboot may belong to anything by now
          .filter(process -> process.info().command().orElse("").endsWith("/postgres"));
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty(); // unreadable: PostgreSQL itself decides whether it is stale
    }
  }

  private static boolean awaitExit(ProcessHandle process, Duration wait) {
    try {
      process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  static class NoDatasourceUrl implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      String url = context.getEnvironment().getProperty("spring.datasource.url");
      return url == null || url.isBlank();
    }
  }
}
