package theo.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCipherTests {
  private static final String TOKEN = "ya29.a0AfH6SMBx-secret-access-token";

  private final TokenCipher.Key k1 = TokenCipher.Key.generate("k1");
  private final TokenCipher.Key k2 = TokenCipher.Key.generate("k2");

  @Test
  void decryptWhenEncryptedBySameCipherThenReturnsPlaintext() {
    TokenCipher cipher = new TokenCipher(List.of(k1));

    byte[] sealed = cipher.encrypt(TOKEN);

    assertThat(cipher.decrypt(sealed)).isEqualTo(TOKEN);
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);
  }

  @Test
  void encryptWhenCalledTwiceThenUsesFreshIv() {
    TokenCipher cipher = new TokenCipher(List.of(k1));

    assertThat(cipher.encrypt(TOKEN)).isNotEqualTo(cipher.encrypt(TOKEN));
  }

  @Test
  void decryptWhenKeyRotatedThenOldCiphertextStillDecryptsAndNewUsesNewKey() {
    byte[] old = new TokenCipher(List.of(k1)).encrypt(TOKEN);
    TokenCipher rotated = new TokenCipher(List.of(k2, k1));

    assertThat(rotated.decrypt(old)).isEqualTo(TOKEN);
    assertThat(rotated.needsReEncryption(old)).isTrue();
    byte[] fresh = rotated.encrypt(TOKEN);
    assertThat(rotated.needsReEncryption(fresh)).isFalse();
    assertThat(new TokenCipher(List.of(k2)).decrypt(fresh)).isEqualTo(TOKEN);
  }

  @Test
  void decryptWhenCiphertextTamperedThenFails() {
    TokenCipher cipher = new TokenCipher(List.of(k1));
    byte[] sealed = cipher.encrypt(TOKEN);
    sealed[sealed.length - 5] ^= 0x01;

    assertThatThrownBy(() -> cipher.decrypt(sealed))
        .isInstanceOf(TokenCipherException.class)
        .hasMessageContaining("tampered");
  }

  @Test
  void decryptWhenKeyIdInHeaderSwappedThenFails() {
    TokenCipher.Key other = new TokenCipher.Key("k2", k1.secret());
    TokenCipher cipher = new TokenCipher(List.of(k1, other));
    byte[] sealed = cipher.encrypt(TOKEN);
    sealed[3] = '2'; // header "k1" -> "k2": same key material, but the header is authenticated

    assertThatThrownBy(() -> cipher.decrypt(sealed)).isInstanceOf(TokenCipherException.class);
  }

  @Test
  void decryptWhenKeyIdNotConfiguredThenClearError() {
    byte[] sealed = new TokenCipher(List.of(k1)).encrypt(TOKEN);
    TokenCipher withoutK1 = new TokenCipher(List.of(k2));

    assertThatThrownBy(() -> withoutK1.decrypt(sealed))
        .isInstanceOf(TokenCipherException.class)
        .hasMessageContaining("key id 'k1'")
        .hasMessageContaining("not configured");
  }

  @Test
  void decryptWhenTruncatedOrGarbageThenFails() {
    TokenCipher cipher = new TokenCipher(List.of(k1));

    assertThatThrownBy(() -> cipher.decrypt(new byte[] {1}))
        .isInstanceOf(TokenCipherException.class);
    assertThatThrownBy(() -> cipher.decrypt("plain".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(TokenCipherException.class);
  }

  @Test
  void fromSpecWhenSeveralKeysThenFirstEncryptsAndAllDecrypt() {
    TokenCipher cipher = TokenCipher.fromSpec(k2.toSpec() + "," + k1.toSpec());
    byte[] byK1 = new TokenCipher(List.of(k1)).encrypt(TOKEN);

    assertThat(cipher.currentKeyId()).isEqualTo("k2");
    assertThat(cipher.decrypt(byK1)).isEqualTo(TOKEN);
  }

  @Test
  void fromSpecWhenKeyIsNot256BitsThenRejected() {
    assertThatThrownBy(() -> TokenCipher.fromSpec("k1:c2hvcnQ="))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }

  @Test
  void keyToStringWhenPrintedThenHidesSecret() {
    assertThat(k1.toString()).doesNotContain(k1.toSpec().substring(3)).contains("***");
  }
}
