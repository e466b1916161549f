package theo.platform;

/** What the request names does not exist for this person (or no longer does). */
public final class NotFoundException extends RefusedException {
  public NotFoundException(String code, String message) {
    super(code, message);
  }
}
