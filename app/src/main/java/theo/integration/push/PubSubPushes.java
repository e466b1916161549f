package theo.integration.push;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.lang.Contract;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;
import theo.platform.GoogleEndpoints;

/**
 * Authenticates Pub/Sub push requests: the OIDC token Pub/Sub attaches must be signed by Google's
 * keys (the emulator's with the emulator), unexpired, from Google's issuer, for Theo's audience,
 * and name the subscription's service account with a verified email.
 */
@Component
class PubSubPushes {
  /** The service account the embedded emulator's push subscription signs as. */
  static final String EMULATOR_SERVICE_ACCOUNT = "pubsub-push@theo-local.iam.gserviceaccount.com";

  /** The topic Gmail publishes to on the embedded emulator. */
  static final String EMULATOR_TOPIC = "projects/theo-local/topics/gmail";

  private static final String GOOGLE_ISSUER = "https://accounts.google.com";
  private static final String GOOGLE_JWKS = "https://www.googleapis.com/oauth2/v3/certs";

  private final PushProperties properties;
  private final GoogleEndpoints google;
  private final PushAddress address;
  private final Clock clock;
  private volatile @Nullable JwtDecoder decoder;

  PubSubPushes(
      PushProperties properties, GoogleEndpoints google, PushAddress address, Clock clock) {
    this.properties = properties;
    this.google = google;
    this.address = address;
    this.clock = clock;
  }

  /** The topic watches publish to, or null when Gmail push is not configured. */
  @Nullable String topic() {
    String topic = properties.pubsub().topic();
    if (hasText(topic)) {
      return topic.trim();
    }
    return google.emulated() ? EMULATOR_TOPIC : null;
  }

  /** Whether tokens can be checked: a service account to expect is known. */
  boolean configured() {
    return topic() != null && serviceAccount() != null;
  }

  /** True when the bearer token is a valid push token for Theo. */
  boolean authentic(@Nullable String bearer) {
    if (bearer == null || bearer.isBlank() || !configured()) {
      return false;
    }
    try {
      decoder().decode(bearer);
      return true;
    } catch (JwtException e) {
      return false;
    }
  }

  @Nullable String serviceAccount() {
    String configured = properties.pubsub().serviceAccount();
    if (hasText(configured)) {
      return configured.trim();
    }
    return google.emulated() ? EMULATOR_SERVICE_ACCOUNT : null;
  }

  String audience() {
    String configured = properties.pubsub().audience();
    return hasText(configured) ? configured.trim() : address.pubSub();
  }

  List<String> issuers() {
    String configured = properties.pubsub().issuer();
    if (hasText(configured)) {
      return List.of(configured.trim());
    }
    if (google.emulated()) {
      return List.of(google.issuerUri());
    }
    // Google's tokens name the issuer with and without the scheme.
    return List.of(GOOGLE_ISSUER, "accounts.google.com");
  }

  private String jwksUri() {
    String configured = properties.pubsub().jwksUri();
    if (hasText(configured)) {
      return configured.trim();
    }
    return google.emulated() ? google.jwksUri() : GOOGLE_JWKS;
  }

  private JwtDecoder decoder() {
    JwtDecoder current = decoder;
    if (current == null) {
      NimbusJwtDecoder built =
          NimbusJwtDecoder.withJwkSetUri(jwksUri()).jwsAlgorithm(SignatureAlgorithm.RS256).build();
      JwtTimestampValidator timestamps = new JwtTimestampValidator();
      timestamps.setClock(clock);
      built.setJwtValidator(
          new DelegatingOAuth2TokenValidator<>(
              timestamps,
              claim("iss", issuers()::contains),
              audienceIs(audience()),
              claim("email", Objects.requireNonNull(serviceAccount())::equalsIgnoreCase),
              claim("email_verified", "true"::equals)));
      decoder = built;
      current = built;
    }
    return current;
  }

  private static OAuth2TokenValidator<Jwt> claim(
      String name, java.util.function.Predicate<String> test) {
    return jwt -> {
      Object value = jwt.getClaims().get(name);
      return value != null && test.test(value.toString())
          ? OAuth2TokenValidatorResult.success()
          : invalid(name);
    };
  }

  private static OAuth2TokenValidator<Jwt> audienceIs(String audience) {
    return jwt -> {
      List<String> audiences = jwt.getAudience();
      return audiences != null && audiences.contains(audience)
          ? OAuth2TokenValidatorResult.success()
          : invalid("aud");
    };
  }

  private static OAuth2TokenValidatorResult invalid(String claim) {
    return OAuth2TokenValidatorResult.failure(
        new OAuth2Error("invalid_token", "Unexpected " + claim, null));
  }

  @Contract("null -> false")
  private static boolean hasText(@Nullable String value) {
    return value != null && !value.isBlank();
  }
}
