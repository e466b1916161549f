package theo.gmail;

/**
 * A Gmail or People call that failed for good: not retryable, or still failing after every retry.
 * {@code status} is the HTTP status (0 when no answer came), {@code reason} Google's error reason.
 */
class GmailApiException extends RuntimeException {
  private final int status;
  private final String reason;

  GmailApiException(int status, String reason, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.reason = reason;
  }

  int status() {
    return status;
  }

  String reason() {
    return reason;
  }

  boolean notFound() {
    return status == 404;
  }
}
