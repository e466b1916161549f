package theo.integration;

import org.springframework.http.HttpStatus;

/** A request the integration endpoints refuse, with the HTTP status and a stable error code. */
public class IntegrationException extends RuntimeException {
  private final HttpStatus status;
  private final String code;

  public IntegrationException(HttpStatus status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }
}
