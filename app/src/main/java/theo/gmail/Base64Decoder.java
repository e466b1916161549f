package theo.gmail;

import java.io.Writer;
import java.util.Arrays;

/**
 * Decodes base64 as its characters arrive, in as many pieces as the JSON parser hands over: a body
 * is never held as characters whole. (Jackson keeps a long string in segments and then copies them
 * into one array; for the 5% of mail with bodies over 100 KB that was most of what the sync
 * allocated, each array large enough for G1 to place it outside the young generation and start a
 * marking cycle.)
 *
 * <p>Gmail sends base64url; Google's own decoder also takes the standard alphabet, padding and
 * whitespace, so this one does too: whitespace anywhere, at most two {@code =} at the end.
 *
 * @throws IllegalArgumentException (from {@link #write} or {@link #bytes}) for a character outside
 *     both alphabets, padding followed by data, or a lone last character
 */
final class Base64Decoder extends Writer {
  /** Bodies Gmail sends are at most a few tens of MB; a larger size hint is not trusted. */
  private static final int MAX_PRESIZE = 32 * 1024 * 1024;

  private byte[] out;
  private int length;

  /** Bits of the characters of an unfinished quad, and how many it has (0–3). */
  private int bits;

  private int count;

  /** {@code =} seen at the end so far; whitespace after them closes the padding. */
  private int pads;

  private boolean padsClosed;

  /**
   * @param expectedBytes the decoded length if known (Gmail gives a body's size before its data),
   *     else -1
   */
  Base64Decoder(long expectedBytes) {
    out = new byte[(int) Math.min(expectedBytes >= 0 ? expectedBytes : 1024, MAX_PRESIZE)];
  }

  /** The bytes of {@code length} characters of base64 from {@code in}. */
  static byte[] decode(char[] in, int offset, int length) {
    Base64Decoder decoder = new Base64Decoder(length / 4 * 3L);
    decoder.write(in, offset, length);
    return decoder.bytes();
  }

  @Override
  public void write(char[] in, int offset, int chars) {
    int end = offset + chars;
    int i = offset;
    while (i < end) {
      // Four characters at a time while whole quads of the alphabet come; the rest one by one.
      if (count == 0 && pads == 0) {
        while (i + 4 <= end) {
          char c0 = in[i];
          char c1 = in[i + 1];
          char c2 = in[i + 2];
          char c3 = in[i + 3];
          if ((c0 | c1 | c2 | c3) >= 128) {
            break;
          }
          int quad = BASE64[c0] << 18 | BASE64[c1] << 12 | BASE64[c2] << 6 | BASE64[c3];
          if (quad < 0) {
            break;
          }
          if (length + 3 > out.length) {
            // Only for a quad that decodes: with an exact size hint the array is then never
            // grown (a padded last quad goes the slow way and takes only the bytes it has).
            ensureRoom((end - i) / 4 * 3);
          }
          out[length++] = (byte) (quad >> 16);
          out[length++] = (byte) (quad >> 8);
          out[length++] = (byte) quad;
          i += 4;
        }
        if (i == end) {
          return;
        }
      }
      character(in[i++]);
    }
  }

  private void character(char c) {
    if (isWhitespace(c)) {
      padsClosed = pads > 0;
      return;
    }
    if (c == '=') {
      if (padsClosed || ++pads > 2) {
        throw new IllegalArgumentException("Too much base64 padding");
      }
      return;
    }
    int value = c < 128 ? BASE64[c] : -1;
    if (value < 0 || pads > 0) {
      throw new IllegalArgumentException("Not base64: character " + (int) c);
    }
    bits = bits << 6 | value;
    if (++count == 4) {
      ensureRoom(3);
      out[length++] = (byte) (bits >> 16);
      out[length++] = (byte) (bits >> 8);
      out[length++] = (byte) bits;
      bits = 0;
      count = 0;
    }
  }

  /** The decoded bytes, once every character has been written. */
  byte[] bytes() {
    if (count == 1) {
      throw new IllegalArgumentException("Base64 ends with a lone character");
    }
    if (count > 1) {
      ensureRoom(count - 1); // two characters carry one byte, three carry two
      out[length++] = (byte) (bits >> (count == 2 ? 4 : 10));
      if (count == 3) {
        out[length++] = (byte) (bits >> 2);
      }
      bits = 0;
      count = 0;
    }
    return length == out.length ? out : Arrays.copyOf(out, length);
  }

  private void ensureRoom(int bytes) {
    if (length + bytes > out.length) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, length + bytes));
    }
  }

  @Override
  public void write(int c) {
    character((char) c);
  }

  @Override
  public void write(String text, int offset, int length) {
    for (int i = 0; i < length; i++) {
      character(text.charAt(offset + i));
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  /** Each character's six bits in base64url or standard base64; -1 for any other. */
  private static final int[] BASE64 = new int[128];

  static {
    Arrays.fill(BASE64, -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < alphabet.length(); i++) {
      BASE64[alphabet.charAt(i)] = i;
    }
    BASE64['-'] = 62;
    BASE64['+'] = 62;
    BASE64['_'] = 63;
    BASE64['/'] = 63;
  }
}
