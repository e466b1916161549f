package theo.gmail;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Text kept as UTF-8 bytes from the Gmail answer to PostgreSQL: a message body is decoded from
 * base64 into bytes that are (nearly always) already the UTF-8 PostgreSQL stores, so it travels as
 * bytes and PostgreSQL converts it ({@code convert_from(bytes, 'UTF8')}) rather than Theo building
 * a String per body that JDBC then encodes back to the same bytes. A full sync moves tens of
 * kilobytes of body per message; the two copies were a fifth of the sync's allocation.
 *
 * <p>The bytes are always valid UTF-8 without NUL (PostgreSQL refuses both in text): anything else
 * is decoded as UTF-8 would be by {@code new String(bytes, UTF_8)}, malformed sequences and NUL
 * becoming U+FFFD.
 */
final class Utf8Text {
  private final byte[] bytes;

  private Utf8Text(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The text of {@code bytes} read as UTF-8; the array is kept when it needs no repair. */
  static Utf8Text of(byte[] bytes) {
    return new Utf8Text(isValidUtf8(bytes) ? bytes : repaired(bytes));
  }

  /** The UTF-8 bytes; not to be changed. */
  byte[] bytes() {
    return bytes;
  }

  @Override
  public String toString() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Utf8Text text && Arrays.equals(bytes, text.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  /** Well-formed UTF-8 (shortest forms, no surrogates, at most U+10FFFF) without NUL. */
  private static boolean isValidUtf8(byte[] bytes) {
    int i = 0;
    while (i < bytes.length) {
      // Most mail is ASCII: eight bytes at a time while they are all 0x01..0x7F. A byte with its
      // high bit set shows in the word; a zero byte (the lowest one, nothing borrows into it)
      // turns into 0xff when one is taken from every byte.
      if (i + 8 <= bytes.length) {
        long word = (long) LONGS.get(bytes, i);
        if (((word - ONES | word) & HIGH_BITS) == 0) {
          i += 8;
          continue;
        }
      }
      int b = bytes[i] & 0xff;
      if (b == 0) {
        return false;
      }
      if (b < 0x80) {
        i++;
        continue;
      }
      int length;
      int min;
      if (b >= 0xc2 && b <= 0xdf) {
        length = 2;
        min = 0x80;
      } else if (b >= 0xe0 && b <= 0xef) {
        length = 3;
        min = 0x800;
      } else if (b >= 0xf0 && b <= 0xf4) {
        length = 4;
        min = 0x10000;
      } else {
        return false;
      }
      if (i + length > bytes.length) {
        return false;
      }
      int codePoint = b & (0xff >> (length + 1));
      for (int k = 1; k < length; k++) {
        int next = bytes[i + k] & 0xff;
        if ((next & 0xc0) != 0x80) {
          return false;
        }
        codePoint = codePoint << 6 | (next & 0x3f);
      }
      if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
        return false;
      }
      i += length;
    }
    return true;
  }

  private static byte[] repaired(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8)
        .replace('\u0000', '\ufffd')
        .getBytes(StandardCharsets.UTF_8);
  }
}
