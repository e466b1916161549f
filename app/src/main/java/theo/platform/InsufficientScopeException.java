package theo.platform;

/**
 * The person's Google grant lacks the permission this action needs ({@code INSUFFICIENT_SCOPE}).
 */
public final class InsufficientScopeException extends RefusedException {
  public static final String CODE = "INSUFFICIENT_SCOPE";

  public InsufficientScopeException(String message) {
    super(CODE, message);
  }
}
