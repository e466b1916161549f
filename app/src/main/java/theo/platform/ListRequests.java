package theo.platform;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The query parameters list endpoints share and what they mean: a page size ({@code limit}), an
 * optional search text, and an opaque cursor that continues a list where its last page ended. The
 * cursor's content (which sort key, which id) is each endpoint's own; here it is only wrapped so
 * callers do not read it.
 */
public final class ListRequests {
  /** The page size when a request names none. */
  public static final int DEFAULT_LIMIT = 50;

  /** The longest search text a list endpoint takes. */
  public static final int MAX_SEARCH_LENGTH = 200;

  private ListRequests() {}

  /** The page size asked for, {@link #DEFAULT_LIMIT} when absent; from 1 to {@code max}. */
  public static int limit(@Nullable Integer limit, int max) {
    int size = limit == null ? DEFAULT_LIMIT : limit;
    if (size < 1 || size > max) {
      throw new InvalidInputException("limit must be between 1 and " + max);
    }
    return size;
  }

  /**
   * A search text without surrounding white space, null when absent or blank; at most {@link
   * #MAX_SEARCH_LENGTH} characters, else an error naming the parameter {@code name}.
   */
  public static @Nullable String searchText(String name, @Nullable String value) {
    String text = value == null || value.isBlank() ? null : value.strip();
    if (text != null && text.length() > MAX_SEARCH_LENGTH) {
      throw new InvalidInputException(
          name + " must be at most " + MAX_SEARCH_LENGTH + " characters");
    }
    return text;
  }

  /** A cursor as callers see it: {@code raw} base64url-encoded, without padding. */
  public static String encodeCursor(String raw) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The raw text of a cursor {@link #encodeCursor} gave out; an {@link IllegalArgumentException}
   * when it is not base64url, so each endpoint answers a bad cursor in its own words.
   */
  public static String decodeCursor(String cursor) {
    return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
  }

  /**
   * One page cut from rows fetched {@code limit + 1} at a time: the first {@code limit} rows, and,
   * only when a row followed them, the cursor after the last of them ({@code rawCursor} of that
   * row, encoded).
   */
  public static <T> Page<T> page(List<T> fetched, int limit, Function<T, String> rawCursor) {
    if (fetched.size() <= limit) {
      return new Page<>(fetched, null);
    }
    List<T> items = fetched.subList(0, limit);
    return new Page<>(items, encodeCursor(rawCursor.apply(items.get(limit - 1))));
  }

  /** A page of rows and the cursor of the next page, null on the last one. */
  public record Page<T>(List<T> items, @Nullable String nextCursor) {}
}
