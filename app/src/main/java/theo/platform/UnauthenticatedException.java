package theo.platform;

/**
 * The caller did not prove who it is, or its proof does not hold (a forged, expired or replayed
 * push notification, say): 401. The message stays vague; what failed is for the operator's log.
 */
public final class UnauthenticatedException extends RefusedException {
  public UnauthenticatedException(String code, String message) {
    super(code, message);
  }
}
