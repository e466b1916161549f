package theo.platform;

import org.jspecify.annotations.Nullable;

/**
 * The Google client and endpoint URLs Theo actually uses: the embedded emulator's when it runs,
 * otherwise the configured ones with real Google as the default. Inject this, never {@link
 * GoogleProperties}.
 *
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
    String gmailRootUrl,
    String peopleRootUrl,
    String calendarRootUrl,
    boolean emulated) {

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
        "https://gmail.googleapis.com/",
        "https://people.googleapis.com/",
        "https://www.googleapis.com/",
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
        baseUrl + "/",
        baseUrl + "/",
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
        or(properties.gmailRootUrl(), gmailRootUrl),
        or(properties.peopleRootUrl(), peopleRootUrl),
        or(properties.calendarRootUrl(), calendarRootUrl),
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
