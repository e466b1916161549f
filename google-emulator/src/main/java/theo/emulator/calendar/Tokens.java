package theo.emulator.calendar;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import theo.emulator.http.GoogleErrors;

/**
 * Opaque sync and page tokens. A sync token means "changes after sequence N" of one calendar (or
 * calendar list) for one account, valid while the scope's epoch is unchanged; a page token is the
 * sort key of the last item served plus the sequence the first page saw.
 */
final class Tokens {
  private Tokens() {}

  record SyncPosition(int epoch, long sequence) {}

  record PagePosition(long snapshot, String after) {}

  static String sync(String email, String scope, int epoch, long sequence) {
    return encode("s1\n" + email + "\n" + scope + "\n" + epoch + "\n" + sequence);
  }

  /**
   * The position of a sync token issued to this account for this scope at this epoch; anything else
   * (garbage, another account's or calendar's token, an invalidated one) answers 410 like Google.
   */
  static SyncPosition readSync(String token, String email, String scope, int currentEpoch) {
    String[] parts = decode(token).map(text -> text.split("\n", -1)).orElse(new String[0]);
    try {
      if (parts.length == 5
          && parts[0].equals("s1")
          && parts[1].equals(email)
          && parts[2].equals(scope)
          && Integer.parseInt(parts[3]) == currentEpoch) {
        return new SyncPosition(currentEpoch, Long.parseLong(parts[4]));
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw GoogleErrors.apiException(
        410, "fullSyncRequired", "Sync token is no longer valid, a full sync is required.");
  }

  static String page(long snapshot, String after) {
    return encode("p1\n" + snapshot + "\n" + after);
  }

  static PagePosition readPage(String token) {
    String[] parts = decode(token).map(text -> text.split("\n", 3)).orElse(new String[0]);
    try {
      if (parts.length == 3 && parts[0].equals("p1")) {
        return new PagePosition(Long.parseLong(parts[1]), parts[2]);
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw GoogleErrors.apiException(400, "invalid", "Invalid page token value.");
  }

  private static String encode(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<String> decode(String token) {
    try {
      return Optional.of(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
