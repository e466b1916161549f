package theo.auth;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import theo.auth.GoogleAccountRepository.StoredCiphertexts;

/**
 * Key rotation: every stored token not under the current (first) key of {@code theo.crypto.keys} is
 * re-encrypted with it, once in the background after start-up and then every {@code
 * theo.crypto.re-encrypt-interval} (db-scheduler, one instance at a time) for tokens an instance
 * still on the old keys wrote meanwhile. Each row is swapped only if unchanged since it was read,
 * so instances running it at once, and refreshes in between, lose nothing.
 */
@Configuration(proxyBeanMethods = false)
class TokenReEncryption {
  private static final Logger log = LoggerFactory.getLogger(TokenReEncryption.class);
  private static final int PAGE = 100;

  private final GoogleAccountRepository accounts;
  private final TokenCipher cipher;
  private final Counter reEncrypted;
  private final AtomicLong awaiting = new AtomicLong();

  TokenReEncryption(GoogleAccountRepository accounts, TokenCipher cipher, MeterRegistry meters) {
    this.accounts = accounts;
    this.cipher = cipher;
    this.reEncrypted =
        Counter.builder("theo.crypto.tokens.re-encrypted")
            .description("Google token rows re-encrypted with the current key")
            .register(meters);
    Gauge.builder("theo.crypto.tokens.awaiting-re-encryption", awaiting, AtomicLong::get)
        .description("Google token rows still under an older key, as last counted")
        .register(meters);
  }

  @Bean
  RecurringTask<Void> tokenReEncryptionTask(
      @Value("${theo.crypto.re-encrypt-interval:PT1H}") Duration interval) {
    return Tasks.recurring("token-re-encryption", Schedules.fixedDelay(interval))
        .execute((instance, context) -> reEncryptAll());
  }

  @EventListener(ApplicationReadyEvent.class)
  void afterStart() {
    Thread thread = new Thread(this::reEncryptAll, "token-re-encryption");
    thread.setDaemon(true);
    thread.start();
  }

  /** Re-encrypts every row under an older key; answers how many rows were re-encrypted. */
  long reEncryptAll() {
    String keyId = cipher.currentKeyId();
    long total = accounts.countEncryptedWithOtherKey(keyId);
    awaiting.set(total);
    if (total == 0) {
      return 0;
    }
    log.info("Re-encrypting {} Google token rows with key '{}'", total, keyId);
    long done = 0;
    long skipped = 0;
    UUID after = null;
    List<StoredCiphertexts> page;
    while (!(page = accounts.encryptedWithOtherKey(keyId, after, PAGE)).isEmpty()) {
      for (StoredCiphertexts row : page) {
        after = row.userId();
        try {
          if (accounts.replaceCiphertexts(row, reEncrypt(row))) {
            done++;
            reEncrypted.increment();
          }
        } catch (TokenCipherException e) {
          // A key that is no longer configured: the row stays as it is, for the operator to see.
          skipped++;
          log.warn("Tokens of user {} cannot be re-encrypted: {}", row.userId(), e.getMessage());
        }
      }
      awaiting.set(Math.max(0, total - done));
      log.info("Re-encrypted {} of {} Google token rows with key '{}'", done, total, keyId);
    }
    awaiting.set(accounts.countEncryptedWithOtherKey(keyId));
    log.info(
        "Token re-encryption with key '{}' done: {} rows re-encrypted, {} left under other keys",
        keyId,
        done,
        awaiting.get());
    if (skipped > 0) {
      log.warn("{} token rows use a key that is not configured; they cannot be read", skipped);
    }
    return done;
  }

  private StoredCiphertexts reEncrypt(StoredCiphertexts row) {
    return new StoredCiphertexts(
        row.userId(), reEncrypt(row.accessToken()), reEncrypt(row.refreshToken()));
  }

  private byte @Nullable [] reEncrypt(byte @Nullable [] ciphertext) {
    if (ciphertext == null || !cipher.needsReEncryption(ciphertext)) {
      return ciphertext;
    }
    return cipher.encrypt(cipher.decrypt(ciphertext));
  }
}
