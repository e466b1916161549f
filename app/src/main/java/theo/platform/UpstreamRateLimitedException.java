package theo.platform;

/** Google refused the call for its rate limits or quota; trying later helps. */
public final class UpstreamRateLimitedException extends RefusedException {
  public UpstreamRateLimitedException(String code, String message) {
    super(code, message);
  }
}
