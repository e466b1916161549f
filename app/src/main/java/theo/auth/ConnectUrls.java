package theo.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The URLs of a connect flow: the app-relative URL that starts it, and where it may send the
 * browser back to (only same-origin, app-relative paths, so no parameter makes an open redirect).
 */
public final class ConnectUrls {
  private static final Pattern SAFE =
      Pattern.compile("/[A-Za-z0-9/_\\-.~%]*(\\?[A-Za-z0-9=&_\\-.~%]*)?");

  private ConnectUrls() {}

  /**
   * True for paths such as {@code /settings/integrations/gmail}; false for absolute URLs,
   * protocol-relative {@code //host}, backslashes, control characters and anything else.
   */
  public static boolean isSafe(String url) {
    return url != null
        && url.length() <= 512
        && SAFE.matcher(url).matches()
        && !url.startsWith("//")
        && !url.contains("/..")
        && !url.toLowerCase(java.util.Locale.ROOT).contains("%2f%2f")
        && !url.contains("%5c")
        && !url.contains("%5C");
  }

  /**
   * The app-relative URL that starts an integration's authorization in the browser: the Java
   * counterpart of NextAuth's {@code signIn("google", {callbackUrl}, authorizationParams)}.
   */
  public static String authorizationUrl(String integration, String callbackUrl) {
    return GoogleAuthorizationRequestResolver.AUTHORIZATION_BASE_URI
        + "/"
        + SecurityConfiguration.REGISTRATION_ID
        + "?"
        + ConnectFlow.INTEGRATION_PARAMETER
        + "="
        + URLEncoder.encode(integration, StandardCharsets.UTF_8)
        + "&"
        + ConnectFlow.CALLBACK_PARAMETER
        + "="
        + URLEncoder.encode(callbackUrl, StandardCharsets.UTF_8);
  }

  /** The default page of an integration. */
  public static String settingsPage(String integration) {
    return "/settings/integrations/" + integration;
  }

  /** The callback with one more query parameter. */
  static String withParameter(String url, String name, String value) {
    return url + (url.contains("?") ? "&" : "?") + name + "=" + value;
  }
}
