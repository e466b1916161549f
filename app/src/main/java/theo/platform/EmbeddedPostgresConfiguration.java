package theo.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
 * Session and db-scheduler all use it; Boot's own DataSource backs off.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoDatasourceUrl.class)
class EmbeddedPostgresConfiguration {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(PlatformProperties properties, DataDirectory dataDirectory) {
    PlatformProperties.EmbeddedPostgres settings = properties.embeddedPostgres();
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
    if (settings.persistent()) {
      try {
        builder
            .setDataDirectory(Files.createDirectories(dataDirectory.resolve("postgres")))
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

  static class NoDatasourceUrl implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      String url = context.getEnvironment().getProperty("spring.datasource.url");
      return url == null || url.isBlank();
    }
  }
}
