package theo.platform;

import org.jspecify.annotations.Nullable;

/**
 * What text the API accepts: no NUL or other control characters (PostgreSQL cannot store NUL, and
 * Google refuses them in headers and titles) and no unpaired surrogates. Line breaks and tabs are
 * fine in free text such as a body or a description, never in one-line fields.
 */
public final class TextRules {
  private TextRules() {}

  /**
   * Whether {@code text} is free text: control characters other than tab and line breaks absent.
   */
  public static boolean isFreeText(String text) {
    return firstBadCharacter(text, true) < 0;
  }

  /** Whether {@code text} is one line: no control characters at all. */
  public static boolean isOneLine(String text) {
    return firstBadCharacter(text, false) < 0;
  }

  /** {@code value} unless it breaks {@link #isOneLine} or is longer than {@code max}. */
  public static @Nullable String oneLine(String field, @Nullable String value, int max) {
    if (value == null) {
      return null;
    }
    if (!isOneLine(value)) {
      throw new InvalidInputException(field + " must be one line without control characters");
    }
    if (value.length() > max) {
      throw new InvalidInputException(field + " must be at most " + max + " characters");
    }
    return value;
  }

  /** {@code value} unless it breaks {@link #isFreeText} or is longer than {@code max}. */
  public static @Nullable String freeText(String field, @Nullable String value, int max) {
    if (value == null) {
      return null;
    }
    if (!isFreeText(value)) {
      throw new InvalidInputException(field + " must not contain control characters");
    }
    if (value.length() > max) {
      throw new InvalidInputException(field + " must be at most " + max + " characters");
    }
    return value;
  }

  private static int firstBadCharacter(String text, boolean lineBreaksAllowed) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
        if (!(lineBreaksAllowed && (c == '\t' || c == '\n' || c == '\r'))) {
          return i;
        }
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return i;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }
}
