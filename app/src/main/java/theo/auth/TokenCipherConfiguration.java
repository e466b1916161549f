package theo.auth;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import theo.platform.DataDirectory;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CryptoProperties.class)
class TokenCipherConfiguration {

  @Bean
  TokenCipher tokenCipher(CryptoProperties properties, DataDirectory dataDirectory) {
    String keys = properties.keys();
    if (keys == null || keys.isBlank()) {
      keys = KeyFile.loadOrCreate(dataDirectory.resolve("crypto-keys"));
    }
    return TokenCipher.fromSpec(keys);
  }
}
