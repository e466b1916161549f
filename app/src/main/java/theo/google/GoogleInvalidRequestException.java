package theo.google;

import org.jspecify.annotations.Nullable;

/**
 * Google refused the request as it was sent (400 and the like: {@code GOOGLE_REJECTED}), or it
 * conflicts with what Google already holds (409, 412: {@code GOOGLE_CONFLICT}).
 */
public final class GoogleInvalidRequestException extends GoogleException {
  public static final String REJECTED = "GOOGLE_REJECTED";
  public static final String CONFLICT = "GOOGLE_CONFLICT";

  GoogleInvalidRequestException(
      String service, int status, @Nullable String reason, Throwable cause) {
    super(
        status == 409 || status == 412 ? CONFLICT : REJECTED,
        status == 409 || status == 412
            ? service + " already holds a conflicting version of this item"
            : service + " refused the request as invalid; check what was entered",
        status,
        reason,
        cause);
  }

  public boolean conflict() {
    return CONFLICT.equals(code());
  }
}
