package theo.auth;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import theo.platform.DataDirectory;
import theo.platform.EmbeddedDatabase;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CryptoProperties.class)
class TokenCipherConfiguration {

  @Bean
  TokenCipher tokenCipher(
      CryptoProperties properties,
      DataDirectory dataDirectory,
      ObjectProvider<EmbeddedDatabase> embeddedDatabase,
      @Value("${theo.single-instance:false}") boolean singleInstance) {
    String keys = properties.keys();
    if (keys == null || keys.isBlank()) {
      boolean sharedDatabase = embeddedDatabase.getIfAvailable() == null;
      if (sharedDatabase && !singleInstance) {
        throw new MissingSharedKeysException();
      }
      keys = KeyFile.loadOrCreate(dataDirectory.resolve("crypto-keys"));
    }
    return TokenCipher.fromSpec(keys);
  }

  /**
   * An external database without {@code theo.crypto.keys}: each instance would generate its own key
   * into its own data folder and could not read the tokens the others stored.
   */
  static final class MissingSharedKeysException extends IllegalStateException {
    MissingSharedKeysException() {
      super(
          "Theo uses an external database (spring.datasource.url) but no token keys: set"
              + " theo.crypto.keys (environment THEO_CRYPTO_KEYS) to the same value on every"
              + " instance, e.g. theo.crypto.keys=key-1:<32 random bytes in base64> (generate them"
              + " with: openssl rand -base64 32). A key generated into one instance's data folder is"
              + " useless to the others. If this is the only instance on that database, set"
              + " theo.single-instance=true instead.");
    }
  }
}
