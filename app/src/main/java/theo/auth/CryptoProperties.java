package theo.auth;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token encryption keys ({@code theo.crypto.keys = "kid:base64key,kid2:base64key"}; the first
 * encrypts). Unset means a key generated once into {@code <data-dir>/crypto-keys}.
 */
@ConfigurationProperties("theo.crypto")
record CryptoProperties(@Nullable String keys) {
  @Override
  public String toString() {
    return "CryptoProperties[keys=***]";
  }
}
