package theo.platform;

/** The request clashes with the current state (an approval already decided, a paused sync). */
public final class ConflictException extends RefusedException {
  public ConflictException(String code, String message) {
    super(code, message);
  }
}
