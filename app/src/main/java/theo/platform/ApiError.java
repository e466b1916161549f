package theo.platform;

import org.jspecify.annotations.Nullable;

/**
 * The JSON body of every API error: {@code {"error":{"code":"...","message":"..."}}}, with a stable
 * upper-case code clients can switch on.
 */
public record ApiError(Detail error) {

  public static ApiError of(String code, String message) {
    return new ApiError(new Detail(code, message));
  }

  /**
   * The answer to a failure decided before any controller ran (the servlet container, the security
   * firewall, the body limit), from its HTTP status alone.
   */
  public static ApiError forStatus(int status) {
    return switch (status) {
      case 400 -> of("BAD_REQUEST", "The request is malformed");
      case 401 -> of("UNAUTHENTICATED", "Sign in first");
      case 403 -> of("FORBIDDEN", "This request is not allowed");
      case 404 -> of("NOT_FOUND", "No such endpoint");
      case 405 -> of("METHOD_NOT_ALLOWED", "This method is not allowed here");
      case 406 -> of("NOT_ACCEPTABLE", "This endpoint answers application/json");
      case 408 -> of("REQUEST_TIMEOUT", "The request took too long to arrive");
      case 413 -> of("PAYLOAD_TOO_LARGE", "The request body is too large");
      case 414, 431 -> of("REQUEST_TOO_LARGE", "The URL or headers are too long");
      case 415 -> of("UNSUPPORTED_MEDIA_TYPE", "Send application/json");
      case 429 -> of("RATE_LIMITED", "Too many requests; try again shortly");
      default ->
          status >= 500
              ? of("INTERNAL_ERROR", "Something went wrong on our side")
              : of("BAD_REQUEST", "The request was refused");
    };
  }

  /** The code and a human-readable message. */
  public record Detail(String code, String message) {}

  /**
   * The body of a 429 for one of Theo's own rate limits: the error with how long to wait in
   * milliseconds and when the window resets (ISO-8601).
   */
  public record RateLimited(LimitDetail error) {
    public static RateLimited of(RateLimitExceededException e) {
      return new RateLimited(
          new LimitDetail(
              e.code(), e.getMessage(), e.retryAfter().toMillis(), e.resetAt().toString()));
    }
  }

  /** {@link Detail} with the wait. */
  public record LimitDetail(
      String code, @Nullable String message, long retryAfterMs, String resetAt) {}
}
