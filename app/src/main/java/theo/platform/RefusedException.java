package theo.platform;

/**
 * A request refused for a reason the caller can act on, with a stable upper-case code. The API's
 * error advice alone turns each kind into an HTTP status, so a throw site says what went wrong and
 * never how to answer it.
 */
public abstract sealed class RefusedException extends RuntimeException
    permits InvalidInputException,
        NotFoundException,
        NotConnectedException,
        InsufficientScopeException,
        ConflictException,
        UpstreamRateLimitedException,
        RateLimitExceededException,
        UpstreamFailedException,
        UnauthenticatedException {
  private final String code;

  RefusedException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
