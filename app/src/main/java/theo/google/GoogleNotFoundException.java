package theo.google;

import org.jspecify.annotations.Nullable;

/** What the call names does not exist at Google, or no longer does (404, 410). */
public final class GoogleNotFoundException extends GoogleException {
  GoogleNotFoundException(String service, int status, @Nullable String reason, Throwable cause) {
    super("NOT_FOUND", service + " does not have this item (any more)", status, reason, cause);
  }

  /** Google said 410: a sync token or history point expired, or the item was deleted. */
  public boolean gone() {
    return status() == 410;
  }
}
