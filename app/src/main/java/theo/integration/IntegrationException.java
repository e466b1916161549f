package theo.integration;

/** The integration module's error: an HTTP status, a stable code and a message for people. */
public class IntegrationException extends RuntimeException {
  private final int status;
  private final String code;

  public IntegrationException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
