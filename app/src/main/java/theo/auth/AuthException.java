package theo.auth;

/**
 * The auth module's error, with a stable code: {@code RECONNECT_REQUIRED} (Google refused the
 * refresh token), {@code NOT_CONNECTED} (no usable grant), {@code TOKEN_REFRESH_FAILED} (Google
 * unreachable or erroring; try later).
 */
public class AuthException extends RuntimeException {
  private final String code;

  public AuthException(String code, String message) {
    super(message);
    this.code = code;
  }

  public AuthException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
