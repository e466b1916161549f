package theo.emulator.http;

import com.google.api.client.json.GenericJson;
import com.google.api.client.json.gson.GsonFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP response a handler returns: status, headers and body bytes, or for a large body made of
 * pieces, a {@code streamed} body written piece by piece (the body bytes are then empty).
 */
public record Response(int status, Map<String, String> headers, byte[] body, Streamed streamed) {

  public static final String JSON = "application/json; charset=UTF-8";

  public Response {
    headers = Map.copyOf(headers);
  }

  public Response(int status, Map<String, String> headers, byte[] body) {
    this(status, headers, body, null);
  }

  /**
   * A body written to the connection as it is produced. Its length is known up front and sent as
   * Content-Length: the JDK's HttpURLConnection, which Google's Java clients use, reads a chunked
   * body about half as fast.
   */
  public record Streamed(long length, BodyWriter writer) {}

  /** Writes a streamed body; it must write exactly the declared length. */
  @FunctionalInterface
  public interface BodyWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  public static Response streamed(int status, String contentType, long length, BodyWriter writer) {
    return new Response(
        status, Map.of("Content-Type", contentType), new byte[0], new Streamed(length, writer));
  }

  /** Serialises one of Google's model classes with Google's own JSON factory. */
  public static Response json(int status, GenericJson model) {
    try {
      return bytes(status, JSON, GsonFactory.getDefaultInstance().toByteArray(model));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Response json(GenericJson model) {
    return json(200, model);
  }

  /** Serialises plain maps, lists, strings and numbers (for OAuth and admin answers). */
  public static Response json(int status, Object value) {
    try {
      return bytes(status, JSON, GsonFactory.getDefaultInstance().toByteArray(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Response html(int status, String html) {
    return bytes(status, "text/html; charset=UTF-8", html.getBytes(StandardCharsets.UTF_8));
  }

  public static Response text(int status, String text) {
    return bytes(status, "text/plain; charset=UTF-8", text.getBytes(StandardCharsets.UTF_8));
  }

  public static Response bytes(int status, String contentType, byte[] body) {
    return new Response(status, Map.of("Content-Type", contentType), body);
  }

  public static Response empty(int status) {
    return new Response(status, Map.of(), new byte[0]);
  }

  public static Response redirect(String location) {
    return new Response(302, Map.of("Location", location), new byte[0]);
  }

  public Response withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Response(status, copy, body, streamed);
  }

  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
