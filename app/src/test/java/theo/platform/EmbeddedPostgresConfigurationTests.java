package theo.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

class EmbeddedPostgresConfigurationTests {
  @TempDir Path dataDir;

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withUserConfiguration(PlatformConfiguration.class, EmbeddedPostgresConfiguration.class)
          .withPropertyValues(
              "theo.google.emulator.enabled=false",
              "theo.google.client-id=real-client",
              "theo.google.client-secret=real-secret");

  @Test
  void dataSourceWhenPersistentThenDataSurvivesARestart() {
    runner
        .withPropertyValues("theo.data-dir=" + dataDir)
        .run(
            context -> {
              JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
              jdbc.sql("create table kept (note text)").update();
              jdbc.sql("insert into kept values ('still here')").update();
            });

    runner
        .withPropertyValues("theo.data-dir=" + dataDir)
        .run(
            context -> {
              JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
              assertThat(jdbc.sql("select note from kept").query(String.class).single())
                  .isEqualTo("still here");
            });
    assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();
  }

  @Test
  void dataSourceWhenDatasourceUrlSetThenNoEmbeddedDatabase() {
    runner
        .withPropertyValues(
            "theo.data-dir=" + dataDir, "spring.datasource.url=jdbc:postgresql://db.example/theo")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(EmbeddedPostgres.class);
              assertThat(context).doesNotHaveBean(DataSource.class);
            });
  }

  @Test
  void googleEndpointsWhenEmulatorDisabledThenRealGoogleDefaults() {
    runner
        .withPropertyValues(
            "theo.data-dir=" + dataDir,
            "spring.datasource.url=jdbc:postgresql://db.example/theo",
            "theo.google.root-urls.gmail=https://gmail.example/")
        .run(
            context -> {
              GoogleEndpoints google = context.getBean(GoogleEndpoints.class);
              assertThat(google.emulated()).isFalse();
              assertThat(google.clientId()).isEqualTo("real-client");
              assertThat(google.authorizationUri())
                  .isEqualTo("https://accounts.google.com/o/oauth2/v2/auth");
              assertThat(google.tokenUri()).isEqualTo("https://oauth2.googleapis.com/token");
              assertThat(google.issuerUri()).isEqualTo("https://accounts.google.com");
              assertThat(google.rootUrl("gmail", "https://gmail.googleapis.com/"))
                  .isEqualTo("https://gmail.example/");
              assertThat(google.rootUrl("drive", "https://www.googleapis.com/"))
                  .isEqualTo("https://www.googleapis.com/");
              assertThat(context).doesNotHaveBean(theo.emulator.GoogleEmulator.class);
            });
  }

  @Test
  void googleEndpointsWhenStandaloneEmulatorUrlThenEveryUrlPointsAtItAndNoEmulatorStarts() {
    new ApplicationContextRunner()
        .withUserConfiguration(PlatformConfiguration.class)
        .withPropertyValues(
            "theo.data-dir=" + dataDir, "theo.google.emulator.url=http://127.0.0.1:9999/")
        .run(
            context -> {
              GoogleEndpoints google = context.getBean(GoogleEndpoints.class);
              assertThat(context).doesNotHaveBean(theo.emulator.GoogleEmulator.class);
              assertThat(google.emulated()).isTrue();
              assertThat(google.clientId())
                  .isEqualTo(theo.emulator.EmulatorOptions.DEFAULT_CLIENT_ID);
              assertThat(google.tokenUri()).isEqualTo("http://127.0.0.1:9999/token");
              assertThat(google.issuerUri()).isEqualTo("http://127.0.0.1:9999");
              assertThat(google.rootUrl("gmail", "https://gmail.googleapis.com/"))
                  .isEqualTo("http://127.0.0.1:9999/");
              assertThat(google.rootUrl("calendar", "https://www.googleapis.com/"))
                  .isEqualTo("http://127.0.0.1:9999/");
            });
  }

  @Test
  void schedulerNameWhenUnsetThenHostPidAndSuffixElseTheConfiguredName() {
    ApplicationContextRunner platform =
        new ApplicationContextRunner()
            .withUserConfiguration(PlatformConfiguration.class)
            .withPropertyValues(
                "theo.data-dir=" + dataDir, "theo.google.emulator.url=http://127.0.0.1:9999");
    platform.run(
        context ->
            assertThat(schedulerName(context.getBean(DbSchedulerCustomizer.class)))
                .contains("-" + ProcessHandle.current().pid() + "-"));
    platform
        .withPropertyValues("theo.instance-name=theo-a")
        .run(
            context ->
                assertThat(schedulerName(context.getBean(DbSchedulerCustomizer.class)))
                    .isEqualTo("theo-a"));
  }

  private static String schedulerName(DbSchedulerCustomizer customizer) {
    return customizer.schedulerName().orElseThrow().getName();
  }
}
