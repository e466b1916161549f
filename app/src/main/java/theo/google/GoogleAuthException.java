package theo.google;

import org.jspecify.annotations.Nullable;

/**
 * Google does not accept Theo's access for this person: the grant was refused ({@code
 * RECONNECT_REQUIRED}), none is stored ({@code NOT_CONNECTED}), a fresh token was refused too
 * ({@code GOOGLE_AUTH_FAILED}) or the grant lacks a scope ({@code INSUFFICIENT_SCOPE}).
 */
public final class GoogleAuthException extends GoogleException {
  public static final String RECONNECT_REQUIRED = "RECONNECT_REQUIRED";
  public static final String NOT_CONNECTED = "NOT_CONNECTED";
  public static final String AUTH_FAILED = "GOOGLE_AUTH_FAILED";
  public static final String INSUFFICIENT_SCOPE = "INSUFFICIENT_SCOPE";

  GoogleAuthException(
      String code, String message, int status, @Nullable String reason, @Nullable Throwable cause) {
    super(code, message, status, reason, cause);
  }

  /** Google refused the stored grant ({@code invalid_grant}): the person must connect again. */
  public static GoogleAuthException reconnectRequired() {
    return new GoogleAuthException(
        RECONNECT_REQUIRED,
        "Google no longer accepts Theo's access to your account; connect Google again",
        0,
        "invalid_grant",
        null);
  }

  /** No usable grant is stored for the person. */
  public static GoogleAuthException notConnected() {
    return new GoogleAuthException(
        NOT_CONNECTED, "Your Google account is not connected; connect Google first", 0, null, null);
  }

  /** Google refused to refresh the token for a reason other than a refused grant. */
  public static GoogleAuthException refreshRefused() {
    return new GoogleAuthException(
        AUTH_FAILED,
        "Google did not renew Theo's access to your account; connect Google again if it persists",
        0,
        null,
        null);
  }
}
