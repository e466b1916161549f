package theo.platform;

import java.time.Instant;

/**
 * The dates Google accepts: years 0001 to 9999 (RFC 3339's four-digit years). Anything outside is
 * refused at the edge rather than overflowing a timestamp column or Google's date parser.
 */
public final class GoogleDates {
  /** 0001-01-01T00:00:00Z. */
  public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");

  /** 9999-12-31T23:59:59Z, the last second RFC 3339 can write. */
  public static final Instant MAX = Instant.parse("9999-12-31T23:59:59Z");

  private GoogleDates() {}

  /** {@code value}, or a {@code VALIDATION_FAILED} refusal naming {@code field}. */
  public static Instant requireInRange(String field, Instant value) {
    if (value.isBefore(MIN) || value.isAfter(MAX)) {
      throw new InvalidInputException(field + " must be between the years 0001 and 9999");
    }
    return value;
  }
}
