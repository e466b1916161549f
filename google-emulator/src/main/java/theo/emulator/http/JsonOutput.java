package theo.emulator.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * JSON written straight to UTF-8 bytes, for answers too large and too frequent to go through
 * Google's reflective serializer (a Gmail message in format {@code full} carries its bodies as
 * base64url, which needs no escaping and is encoded straight into the output).
 */
public final class JsonOutput {
  private static final int MAX_DEPTH = 64;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private byte[] buffer;
  private int length;
  // Whether the object or array open at each depth already holds a member (so the next needs a
  // comma); after a name, the value that follows needs none.
  private final boolean[] hasMember = new boolean[MAX_DEPTH];
  private int depth;
  private boolean afterName;

  public JsonOutput(int capacity) {
    buffer = new byte[Math.max(64, capacity)];
  }

  public JsonOutput beginObject() {
    return open('{');
  }

  public JsonOutput endObject() {
    return close('}');
  }

  public JsonOutput beginArray() {
    return open('[');
  }

  public JsonOutput endArray() {
    return close(']');
  }

  /** A member name; names are ASCII identifiers, written as they are. */
  public JsonOutput name(String name) {
    separate();
    ensure(name.length() + 3);
    buffer[length++] = '"';
    for (int i = 0; i < name.length(); i++) {
      buffer[length++] = (byte) name.charAt(i);
    }
    buffer[length++] = '"';
    buffer[length++] = ':';
    afterName = true;
    return this;
  }

  public JsonOutput value(String value) {
    if (value == null) {
      return raw("null");
    }
    separate();
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    ensure(utf8.length + 2);
    buffer[length++] = '"';
    int plain = 0;
    for (int i = 0; i < utf8.length; i++) {
      int b = utf8[i] & 0xff;
      if (b == '"' || b == '\\' || b < 0x20) {
        append(utf8, plain, i);
        escape(b);
        plain = i + 1;
      }
    }
    append(utf8, plain, utf8.length);
    ensure(1);
    buffer[length++] = '"';
    return this;
  }

  public JsonOutput value(long value) {
    return raw(Long.toString(value));
  }

  /** Bytes as a base64url string with padding, as Gmail sends body data. */
  public JsonOutput base64UrlValue(byte[] bytes) {
    separate();
    byte[] encoded = Base64.getUrlEncoder().encode(bytes);
    ensure(encoded.length + 2);
    buffer[length++] = '"';
    append(encoded, 0, encoded.length);
    buffer[length++] = '"';
    return this;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, length);
  }

  private JsonOutput open(char bracket) {
    separate();
    if (depth == MAX_DEPTH) {
      throw new IllegalStateException("JSON nested too deeply");
    }
    hasMember[depth++] = false;
    ensure(1);
    buffer[length++] = (byte) bracket;
    return this;
  }

  private JsonOutput close(char bracket) {
    depth--;
    ensure(1);
    buffer[length++] = (byte) bracket;
    return this;
  }

  private JsonOutput raw(String ascii) {
    separate();
    ensure(ascii.length());
    for (int i = 0; i < ascii.length(); i++) {
      buffer[length++] = (byte) ascii.charAt(i);
    }
    return this;
  }

  /** Writes the comma a value or name needs when it is not the first member of its container. */
  private void separate() {
    if (afterName) {
      afterName = false;
      return;
    }
    if (depth > 0) {
      if (hasMember[depth - 1]) {
        ensure(1);
        buffer[length++] = ',';
      }
      hasMember[depth - 1] = true;
    }
  }

  private void escape(int b) {
    ensure(6);
    buffer[length++] = '\\';
    switch (b) {
      case '"' -> buffer[length++] = '"';
      case '\\' -> buffer[length++] = '\\';
      case '\n' -> buffer[length++] = 'n';
      case '\r' -> buffer[length++] = 'r';
      case '\t' -> buffer[length++] = 't';
      default -> {
        buffer[length++] = 'u';
        buffer[length++] = '0';
        buffer[length++] = '0';
        buffer[length++] = HEX[b >> 4];
        buffer[length++] = HEX[b & 0xf];
      }
    }
  }

  private void append(byte[] bytes, int from, int to) {
    ensure(to - from);
    System.arraycopy(bytes, from, buffer, length, to - from);
    length += to - from;
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }
}
