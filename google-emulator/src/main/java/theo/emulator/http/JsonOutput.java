package theo.emulator.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * JSON written straight to UTF-8 bytes, for answers too large and too frequent to go through
 * Google's reflective serializer (a Gmail message in format {@code full} carries its bodies as
 * base64url, which needs no escaping). The bytes are kept in chunks of at most 256 KB and written
 * out from there: one array of a large message's size would land in the JVM's humongous regions,
 * which a full sync of 50,000 messages in 512 MB of heap answered with full collections.
 */
public final class JsonOutput {
  private static final int MAX_DEPTH = 64;
  private static final int FIRST_CHUNK = 8 * 1024;
  private static final int MAX_CHUNK = 256 * 1024;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final List<byte[]> filled = new ArrayList<>();
  private byte[] chunk = new byte[FIRST_CHUNK];
  private int used;
  private long filledLength;
  // Whether the object or array open at each depth already holds a member (so the next needs a
  // comma); after a name, the value that follows needs none.
  private final boolean[] hasMember = new boolean[MAX_DEPTH];
  private int depth;
  private boolean afterName;

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
    put('"');
    put(name.getBytes(StandardCharsets.US_ASCII));
    put('"');
    put(':');
    afterName = true;
    return this;
  }

  public JsonOutput value(String value) {
    if (value == null) {
      return raw("null");
    }
    separate();
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    put('"');
    int plain = 0;
    for (int i = 0; i < utf8.length; i++) {
      int b = utf8[i] & 0xff;
      if (b == '"' || b == '\\' || b < 0x20) {
        put(utf8, plain, i - plain);
        escape(b);
        plain = i + 1;
      }
    }
    put(utf8, plain, utf8.length - plain);
    put('"');
    return this;
  }

  public JsonOutput value(long value) {
    return raw(Long.toString(value));
  }

  /** Bytes as a base64url string with padding, as Gmail sends body data. */
  public JsonOutput base64UrlValue(byte[] bytes) {
    separate();
    put('"');
    put(Base64.getUrlEncoder().encode(bytes));
    put('"');
    return this;
  }

  public long length() {
    return filledLength + used;
  }

  public void writeTo(OutputStream out) throws IOException {
    for (byte[] full : filled) {
      out.write(full);
    }
    out.write(chunk, 0, used);
  }

  public byte[] toByteArray() {
    byte[] all = new byte[Math.toIntExact(length())];
    int at = 0;
    for (byte[] full : filled) {
      System.arraycopy(full, 0, all, at, full.length);
      at += full.length;
    }
    System.arraycopy(chunk, 0, all, at, used);
    return all;
  }

  private JsonOutput open(char bracket) {
    separate();
    if (depth == MAX_DEPTH) {
      throw new IllegalStateException("JSON nested too deeply");
    }
    hasMember[depth++] = false;
    put(bracket);
    return this;
  }

  private JsonOutput close(char bracket) {
    depth--;
    put(bracket);
    return this;
  }

  private JsonOutput raw(String ascii) {
    separate();
    put(ascii.getBytes(StandardCharsets.US_ASCII));
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
        put(',');
      }
      hasMember[depth - 1] = true;
    }
  }

  private void escape(int b) {
    put('\\');
    switch (b) {
      case '"', '\\' -> put((char) b);
      case '\n' -> put('n');
      case '\r' -> put('r');
      case '\t' -> put('t');
      default -> {
        put('u');
        put('0');
        put('0');
        put((char) HEX[b >> 4]);
        put((char) HEX[b & 0xf]);
      }
    }
  }

  private void put(char ascii) {
    if (used == chunk.length) {
      nextChunk();
    }
    chunk[used++] = (byte) ascii;
  }

  private void put(byte[] bytes) {
    put(bytes, 0, bytes.length);
  }

  private void put(byte[] bytes, int from, int count) {
    while (count > 0) {
      if (used == chunk.length) {
        nextChunk();
      }
      int n = Math.min(count, chunk.length - used);
      System.arraycopy(bytes, from, chunk, used, n);
      used += n;
      from += n;
      count -= n;
    }
  }

  /** Chunks double up to {@link #MAX_CHUNK}: small answers stay small, large ones few chunks. */
  private void nextChunk() {
    filled.add(chunk);
    filledLength += chunk.length;
    chunk = new byte[Math.min(MAX_CHUNK, chunk.length * 2)];
    used = 0;
  }
}
