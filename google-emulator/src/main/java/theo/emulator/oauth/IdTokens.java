package theo.emulator.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import theo.emulator.Account;

/** Signs RS256 ID tokens with a key pair generated at start and publishes its public half. */
final class IdTokens {
  static final Duration LIFETIME = Duration.ofHours(1);

  private final Clock clock;
  private final RSAKey key;

  IdTokens(Clock clock) {
    this.clock = clock;
    try {
      this.key =
          new RSAKeyGenerator(2048)
              .keyID(UUID.randomUUID().toString().replace("-", ""))
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("Could not generate the ID token signing key", e);
    }
  }

  /** The JWKS document served at {@code /oauth2/v3/certs}. */
  Map<String, Object> jwks() {
    return new JWKSet(key.toPublicJWK()).toJSONObject(true);
  }

  String issue(String issuer, Account account, String clientId, String nonce, String accessToken) {
    Instant now = clock.instant();
    String[] names = GivenAndFamily.split(account.name());
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(clientId)
            .claim("azp", clientId)
            .subject(account.sub())
            .claim("email", account.email())
            .claim("email_verified", true)
            .claim("at_hash", atHash(accessToken))
            .claim("name", account.name())
            .claim("given_name", names[0])
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(LIFETIME)));
    if (!names[1].isEmpty()) {
      claims.claim("family_name", names[1]);
    }
    if (nonce != null) {
      claims.claim("nonce", nonce);
    }
    return signed(claims.build());
  }

  /**
   * Signs any claims with the same key and header as ID tokens (the Pub/Sub push tokens); numbers
   * under {@code iat}, {@code exp} and {@code nbf} are seconds since the epoch.
   */
  String sign(Map<String, Object> claims) {
    JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
    claims.forEach(
        (name, value) -> {
          if (value instanceof Number seconds && Set.of("iat", "exp", "nbf").contains(name)) {
            builder.claim(name, new Date(seconds.longValue() * 1000));
          } else {
            builder.claim(name, value);
          }
        });
    return signed(builder.build());
  }

  private String signed(JWTClaimsSet claims) {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("Could not sign a JWT", e);
    }
    return jwt.serialize();
  }

  /** The claims of an ID token this emulator signed and that has not expired. */
  Optional<SignedJWT> verify(String idToken) {
    try {
      SignedJWT jwt = SignedJWT.parse(idToken);
      if (!jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))) {
        return Optional.empty();
      }
      Date expiry = jwt.getJWTClaimsSet().getExpirationTime();
      if (expiry == null || !clock.instant().isBefore(expiry.toInstant())) {
        return Optional.empty();
      }
      return Optional.of(jwt);
    } catch (ParseException | JOSEException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  private static String atHash(String accessToken) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(accessToken.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(Arrays.copyOf(digest, digest.length / 2));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Google's given_name/family_name: the display name split at its first space. */
  static final class GivenAndFamily {
    private GivenAndFamily() {}

    static String[] split(String name) {
      int space = name.indexOf(' ');
      return space < 0
          ? new String[] {name, ""}
          : new String[] {name.substring(0, space), name.substring(space + 1).trim()};
    }
  }
}
