package theo.platform;

/** Input that breaks a rule of the API (a value out of range, a malformed cursor, a bad rule). */
public final class InvalidInputException extends RefusedException {
  public static final String VALIDATION_FAILED = "VALIDATION_FAILED";

  /** A {@code VALIDATION_FAILED} refusal. */
  public InvalidInputException(String message) {
    this(VALIDATION_FAILED, message);
  }

  public InvalidInputException(String code, String message) {
    super(code, message);
  }
}
