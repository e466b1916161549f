package theo.auth;

import java.util.regex.Pattern;

/**
 * Where a connect flow may send the browser back to: only same-origin, app-relative paths, so no
 * request parameter can turn Theo into an open redirect.
 */
public final class CallbackUrls {
  private static final Pattern SAFE =
      Pattern.compile("/[A-Za-z0-9/_\\-.~%]*(\\?[A-Za-z0-9=&_\\-.~%]*)?");

  private CallbackUrls() {}

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

  /** The default page of an integration. */
  public static String settingsPage(String integration) {
    return "/settings/integrations/" + integration;
  }

  /** The callback with one more query parameter. */
  static String withParameter(String url, String name, String value) {
    return url + (url.contains("?") ? "&" : "?") + name + "=" + value;
  }
}
