package theo.platform;

/** The integration the request needs is not connected for this person ({@code NOT_CONNECTED}). */
public final class NotConnectedException extends RefusedException {
  public static final String CODE = "NOT_CONNECTED";

  public NotConnectedException(String message) {
    super(CODE, message);
  }
}
