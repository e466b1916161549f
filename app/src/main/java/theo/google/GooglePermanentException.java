package theo.google;

import org.jspecify.annotations.Nullable;

/**
 * Google refused the call for a reason trying again will not change (403 without a rate reason, an
 * unexpected answer), or Theo could not read what Google sent.
 */
public final class GooglePermanentException extends GoogleException {
  GooglePermanentException(
      String service,
      String message,
      int status,
      @Nullable String reason,
      @Nullable Throwable cause) {
    super(
        "GOOGLE_ERROR",
        message.isEmpty() ? service + " refused the request" : message,
        status,
        reason,
        cause);
  }

  /** Google's answer could not be read (a malformed message, an unexpected shape). */
  public static GooglePermanentException unreadable(
      String service, String reason, Throwable cause) {
    return new GooglePermanentException(
        service, "Theo could not read an answer from " + service, 0, reason, cause);
  }
}
