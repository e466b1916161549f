package theo.integration.push;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/** Signs Pub/Sub-style OIDC tokens with a key of the test's own, and builds push bodies. */
final class PubSubTokens {
  private final RSAKey key;

  private PubSubTokens(RSAKey key) {
    this.key = key;
  }

  static PubSubTokens generate() throws JOSEException {
    return new PubSubTokens(new RSAKeyGenerator(2048).keyID("test-key").generate());
  }

  /** The public half as a JWKS document. */
  String jwks() {
    return new JWKSet(key.toPublicJWK()).toString();
  }

  String sign(String audience, String issuer, String email, Instant expires) throws JOSEException {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(audience)
            .subject("1234567890")
            .claim("email", email)
            .claim("email_verified", true)
            .issueTime(Date.from(expires.minusSeconds(3600)))
            .expirationTime(Date.from(expires))
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  /** Pub/Sub's push body for Gmail's message naming {@code address}. */
  static String pushBody(String address, String messageId) {
    String data =
        Base64.getEncoder()
            .encodeToString(
                ("{\"emailAddress\":\"" + address + "\",\"historyId\":\"12345\"}")
                    .getBytes(StandardCharsets.UTF_8));
    return "{\"message\":{\"data\":\""
        + data
        + "\",\"messageId\":\""
        + messageId
        + "\",\"publishTime\":\""
        + Instant.now()
        + "\"},\"subscription\":\"projects/theo-local/subscriptions/gmail-push\"}";
  }
}
