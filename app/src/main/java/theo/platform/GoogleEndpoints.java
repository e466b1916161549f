package theo.platform;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The Google client and endpoint URLs Theo actually uses: the embedded emulator's when it runs,
 * otherwise the configured ones with real Google as the default. Inject this, never {@link
 * GoogleProperties}.
 *
 * @param apiBaseUrl the emulator's root URL serving every Google API, or null for real Google
 * @param rootUrls configured root URLs by API key, overriding both
 * @param emulated whether these point at an emulator (the embedded one or a standalone one)
 */
public record GoogleEndpoints(
    String clientId,
    String clientSecret,
    String authorizationUri,
    String tokenUri,
    String revokeUri,
    String userinfoUri,
    String jwksUri,
    String issuerUri,
    @Nullable String apiBaseUrl,
    Map<String, String> rootUrls,
    boolean emulated) {

  public GoogleEndpoints {
    rootUrls = Map.copyOf(rootUrls);
  }

  /**
   * Where one Google API is served: the configured {@code theo.google.root-urls.<api>}, else the
   * emulator's base URL when emulated, else {@code googleRootUrl}. Each integration module names
   * its own APIs and their real root URLs; the platform knows none of them.
   *
   * @param api a short key such as {@code gmail} or {@code drive}
   * @param googleRootUrl the API's root URL at real Google, with its trailing slash
   */
  public String rootUrl(String api, String googleRootUrl) {
    String configured = rootUrls.get(api);
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    return apiBaseUrl != null ? apiBaseUrl : googleRootUrl;
  }

  /** Real Google's endpoints, for the given client. */
  public static GoogleEndpoints google(String clientId, String clientSecret) {
    return new GoogleEndpoints(
        clientId,
        clientSecret,
        "https://accounts.google.com/o/oauth2/v2/auth",
        "https://oauth2.googleapis.com/token",
        "https://oauth2.googleapis.com/revoke",
        "https://openidconnect.googleapis.com/v1/userinfo",
        "https://www.googleapis.com/oauth2/v3/certs",
        "https://accounts.google.com",
        null,
        Map.of(),
        false);
  }

  /** The emulator's endpoints at {@code baseUrl} (no trailing slash), for the given client. */
  public static GoogleEndpoints emulator(String baseUrl, String clientId, String clientSecret) {
    return new GoogleEndpoints(
        clientId,
        clientSecret,
        baseUrl + "/o/oauth2/v2/auth",
        baseUrl + "/token",
        baseUrl + "/revoke",
        baseUrl + "/oauth2/v3/userinfo",
        baseUrl + "/oauth2/v3/certs",
        baseUrl,
        baseUrl + "/",
        Map.of(),
        true);
  }

  /** These endpoints with every URL set in {@code properties} taking precedence. */
  GoogleEndpoints overriddenBy(GoogleProperties properties) {
    return new GoogleEndpoints(
        clientId,
        clientSecret,
        or(properties.authorizationUri(), authorizationUri),
        or(properties.tokenUri(), tokenUri),
        or(properties.revokeUri(), revokeUri),
        or(properties.userinfoUri(), userinfoUri),
        or(properties.jwksUri(), jwksUri),
        or(properties.issuerUri(), issuerUri),
        apiBaseUrl,
        Objects.requireNonNullElse(properties.rootUrls(), Map.of()),
        emulated);
  }

  private static String or(@Nullable String configured, String fallback) {
    return configured == null || configured.isBlank() ? fallback : configured;
  }

  @Override
  public String toString() {
    return "GoogleEndpoints[clientId="
        + clientId
        + ", clientSecret=***, authorizationUri="
        + authorizationUri
        + ", tokenUri="
        + tokenUri
        + ", issuerUri="
        + issuerUri
        + ", emulated="
        + emulated
        + "]";
  }
}
