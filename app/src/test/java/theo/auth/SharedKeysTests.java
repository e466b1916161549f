package theo.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import theo.platform.DataDirectory;
import theo.platform.EmbeddedDatabase;

/** Instances on one external database must share their token keys, not generate their own. */
class SharedKeysTests {
  @TempDir Path dataDir;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withUserConfiguration(TokenCipherConfiguration.class)
        .withBean(DataDirectory.class, () -> new DataDirectory(dataDir));
  }

  @Test
  void externalDatabaseWithoutKeysRefusesToStartAndSaysHowToSetThem() {
    runner()
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining("theo.crypto.keys")
                  .hasMessageContaining("same value on every instance")
                  .hasMessageContaining("theo.single-instance=true");
              assertThat(dataDir.resolve("crypto-keys")).doesNotExist();
            });
  }

  @Test
  void externalDatabaseWithSharedKeysStarts() {
    runner()
        .withPropertyValues("theo.crypto.keys=" + TokenCipher.Key.generate("k1").toSpec())
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(TokenCipher.class));
  }

  @Test
  void externalDatabaseMarkedSingleInstanceGeneratesItsKey() {
    runner()
        .withPropertyValues("theo.single-instance=true")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(dataDir.resolve("crypto-keys")).exists();
            });
  }

  @Test
  void embeddedDatabaseGeneratesItsKey() {
    runner()
        .withBean(EmbeddedDatabase.class, () -> new EmbeddedDatabase(5432))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(dataDir.resolve("crypto-keys")).exists();
            });
  }
}
