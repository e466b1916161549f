package theo.emulator.drive;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drive-looking ids: 33 characters of base64url starting with {@code 1}; the root's {@code 0A…}.
 */
final class DriveIds {
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Map<String, String> PERMISSION_IDS = new ConcurrentHashMap<>();

  private DriveIds() {}

  static String next(Random random) {
    StringBuilder id = new StringBuilder("1");
    for (int i = 0; i < 32; i++) {
      id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return id.toString();
  }

  static String random() {
    return next(RANDOM);
  }

  /** The stable id of an account's My Drive folder. */
  static String root(String email) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(email.getBytes(StandardCharsets.UTF_8));
      String tail = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
      return "0A" + tail.substring(0, 15) + "Uk9PVA";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A stable numeric permission id for a person, as Drive's {@code User.permissionId}. */
  static String permissionId(String email) {
    return PERMISSION_IDS.computeIfAbsent(email, DriveIds::digestId);
  }

  private static String digestId(String email) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(email.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return new BigInteger(1, digest).toString().substring(0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
