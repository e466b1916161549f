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
 * base64url, which needs no escaping).
 *
 * <p>The JSON is held as pieces until it is written out: literal bytes, kept in chunks of at most
 * 256 KB (one array of a large message's size would land in the JVM's humongous regions, which a
 * full sync of 50,000 messages in 512 MB of heap answered with full collections), and the byte
 * arrays of base64url values, encoded only as they are written. Encoding a body into the answer's
 * own buffer first cost an array of 4/3 of the body per served message, most of what serving a
 * message allocated; written out, it goes through one buffer per thread that is used again and
 * again. An array given to {@link #base64UrlValue} is therefore held, not copied: it must not
 * change until the JSON has been written.
 */
public final class JsonOutput {
  private static final int MAX_DEPTH = 64;
  // A message's JSON without its bodies (ids, labels, headers) is mostly 1-3 KB.
  private static final int FIRST_CHUNK = 2 * 1024;
  private static final int MAX_CHUNK = 256 * 1024;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final Base64.Encoder BASE64_URL = Base64.getUrlEncoder();

  /**
   * Where base64url values are encoded on their way out. {@link Base64.Encoder#encode(byte[],
   * byte[])} is a JVM intrinsic, some forty times faster here than encoding in Java code, but it
   * takes the whole source and writes from the start of its target: the buffer is as large as the
   * largest value written on the thread, up to {@link #MAX_CHUNK}; larger values get an array of
   * their own.
   */
  private static final ThreadLocal<byte[]> ENCODED = ThreadLocal.withInitial(() -> new byte[0]);

  // Literal bytes and base64url values in order; the open chunk's bytes from pieceStart on are not
  // among them yet.
  private final List<Piece> pieces = new ArrayList<>();
  private byte[] chunk = new byte[FIRST_CHUNK];
  private int used;
  private int pieceStart;
  private long piecesLength;
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
    putAscii(name);
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
    put('"');
    if (isPlainAscii(value)) {
      // Most values (ids, addresses, dates, ASCII subjects) need neither escaping nor encoding.
      putAscii(value);
      put('"');
      return this;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
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

  /**
   * Bytes as a base64url string with padding, as Gmail sends body data. The array is encoded when
   * the JSON is written: it must not change until then.
   */
  public JsonOutput base64UrlValue(byte[] bytes) {
    separate();
    put('"');
    endLiteral();
    pieces.add(new Base64Url(bytes));
    piecesLength += Base64Url.encodedLength(bytes.length);
    put('"');
    return this;
  }

  public long length() {
    return piecesLength + (used - pieceStart);
  }

  public void writeTo(OutputStream out) throws IOException {
    for (Piece piece : pieces) {
      piece.writeTo(out);
    }
    out.write(chunk, pieceStart, used - pieceStart);
  }

  public byte[] toByteArray() {
    byte[] all = new byte[Math.toIntExact(length())];
    try {
      writeTo(
          new OutputStream() {
            private int at;

            @Override
            public void write(int b) {
              all[at++] = (byte) b;
            }

            @Override
            public void write(byte[] bytes, int from, int count) {
              System.arraycopy(bytes, from, all, at, count);
              at += count;
            }
          });
    } catch (IOException e) {
      throw new AssertionError("writing to an array failed", e);
    }
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
    putAscii(ascii);
    return this;
  }

  private static boolean isPlainAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
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

  /** Characters below 0x80, one byte each. */
  private void putAscii(String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      put(ascii.charAt(i));
    }
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
    endLiteral();
    chunk = new byte[Math.min(MAX_CHUNK, chunk.length * 2)];
    used = 0;
    pieceStart = 0;
  }

  /** Ends the open chunk's literal piece, so that another piece can follow it. */
  private void endLiteral() {
    if (used > pieceStart) {
      pieces.add(new Literal(chunk, pieceStart, used));
      piecesLength += used - pieceStart;
      pieceStart = used;
    }
  }

  private interface Piece {
    void writeTo(OutputStream out) throws IOException;
  }

  private record Literal(byte[] bytes, int from, int to) implements Piece {
    @Override
    public void writeTo(OutputStream out) throws IOException {
      out.write(bytes, from, to - from);
    }
  }

  private record Base64Url(byte[] data) implements Piece {
    static long encodedLength(int length) {
      return 4L * ((length + 2) / 3); // with padding
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      int length = Math.toIntExact(encodedLength(data.length));
      byte[] encoded = ENCODED.get();
      if (encoded.length < length) {
        encoded = new byte[length];
        if (length <= MAX_CHUNK) {
          ENCODED.set(encoded);
        }
      }
      out.write(encoded, 0, BASE64_URL.encode(data, encoded));
    }
  }
}
