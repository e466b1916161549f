package theo.platform;

/** Google failed or could not be reached while the person waited on a call. */
public final class UpstreamFailedException extends RefusedException {
  public UpstreamFailedException(String code, String message) {
    super(code, message);
  }
}
