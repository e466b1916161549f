package theo.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTests {
  @TempDir Path dir;

  @Test
  void loadOrCreateWhenAbsentThenGeneratesOwnerOnlyFileAndReusesItNextTime() throws Exception {
    Path file = dir.resolve("crypto-keys");

    String first = KeyFile.loadOrCreate(file);
    String second = KeyFile.loadOrCreate(file);

    assertThat(second).isEqualTo(first);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    TokenCipher before = TokenCipher.fromSpec(first);
    assertThat(TokenCipher.fromSpec(second).decrypt(before.encrypt("token"))).isEqualTo("token");
  }
}
