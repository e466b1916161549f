package theo.gmail;

import com.google.api.client.util.ObjectParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import theo.gmail.GmailMappers.MessageRow;
import theo.google.GoogleApis;
import theo.google.GooglePermanentException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a Gmail message in format {@code full} straight into the row Theo stores: the headers the
 * pages show, and the first text/plain and text/html parts that are not attachments, decoded.
 *
 * <p>A full sync reads every message of the mailbox this way, megabytes of base64 a second.
 * Google's reflective parser (and its base64 decoder) cost more than the rest of the client side
 * together and built a whole {@code Message} for a few of its fields; Jackson's byte parser reads
 * the stream as it comes and {@link Base64Decoder} decodes each body from the pieces of its string
 * as Jackson reads them. Other types (the error of a failed batch part) go to Google's parser.
 */
final class MessageRowParser implements ObjectParser {
  private static final JsonFactory JSON = new JsonFactory();
  private final ObjectParser others;

  MessageRowParser(ObjectParser others) {
    this.others = others;
  }

  @Override
  public <T> T parseAndClose(InputStream in, Charset charset, Class<T> dataClass)
      throws IOException {
    if (dataClass != MessageRow.class) {
      return others.parseAndClose(in, charset, dataClass);
    }
    try (JsonParser json = JSON.createParser(ObjectReadContext.empty(), in)) {
      return dataClass.cast(read(json));
    }
  }

  @Override
  public Object parseAndClose(InputStream in, Charset charset, Type dataType) throws IOException {
    return dataType == MessageRow.class
        ? parseAndClose(in, charset, MessageRow.class)
        : others.parseAndClose(in, charset, dataType);
  }

  @Override
  public <T> T parseAndClose(Reader reader, Class<T> dataClass) throws IOException {
    if (dataClass != MessageRow.class) {
      return others.parseAndClose(reader, dataClass);
    }
    try (JsonParser json = JSON.createParser(ObjectReadContext.empty(), reader)) {
      return dataClass.cast(read(json));
    }
  }

  @Override
  public Object parseAndClose(Reader reader, Type dataType) throws IOException {
    return dataType == MessageRow.class
        ? parseAndClose(reader, MessageRow.class)
        : others.parseAndClose(reader, dataType);
  }

  /**
   * One message; an answer that is not a message's JSON fails the sync at once (it would fail the
   * same way on every retry).
   */
  private static MessageRow read(JsonParser json) {
    try {
      return new MessageReader(json).message();
    } catch (JacksonException e) {
      throw GooglePermanentException.unreadable(GoogleApis.GMAIL, "unreadableMessage", e);
    }
  }

  /** Reads one message object; fields Theo does not store are skipped unread. */
  private record MessageReader(JsonParser json) {
    // Gmail always sends id and threadId; a message without them is passed on as it came and fails
    // where it is stored, as before NullAway.
    @SuppressWarnings("NullAway")
    MessageRow message() {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new StreamReadException(json, "Expected a Gmail message object");
      }
      String id = null;
      String threadId = null;
      String snippet = "";
      List<String> labelIds = List.of();
      long internalDate = 0;
      int sizeEstimate = 0;
      long historyId = 0;
      Part payload = null;
      String name;
      while ((name = json.nextName()) != null) {
        if (json.nextToken() == JsonToken.VALUE_NULL) {
          continue;
        }
        switch (name) {
          case "id" -> id = json.getString();
          case "threadId" -> threadId = json.getString();
          case "snippet" -> snippet = json.getString();
          case "labelIds" -> labelIds = strings();
          // int64 and uint64 travel as JSON strings
          case "internalDate" -> internalDate = Long.parseLong(json.getString());
          case "historyId" -> historyId = Long.parseUnsignedLong(json.getString());
          case "sizeEstimate" -> sizeEstimate = json.getIntValue();
          case "payload" -> payload = part(true);
          default -> json.skipChildren();
        }
      }
      List<Header> headers = payload == null ? List.of() : payload.headers;
      Bodies bodies = new Bodies();
      if (payload != null) {
        bodies.collect(payload);
      }
      return new MessageRow(
          id,
          threadId,
          header(headers, "From"),
          header(headers, "To"),
          header(headers, "Cc"),
          header(headers, "Subject"),
          header(headers, "Date"),
          snippet,
          labelIds,
          Instant.ofEpochMilli(internalDate),
          sizeEstimate,
          historyId,
          bodies.text,
          bodies.html);
    }

    private List<String> strings() {
      List<String> values = new ArrayList<>();
      while (json.nextToken() != JsonToken.END_ARRAY) {
        values.add(json.getString());
      }
      return List.copyOf(values);
    }

    /** A MIME part; only the message's own headers are kept. */
    private Part part(boolean root) {
      Part part = new Part();
      String name;
      while ((name = json.nextName()) != null) {
        if (json.nextToken() == JsonToken.VALUE_NULL) {
          continue;
        }
        switch (name) {
          case "mimeType" -> part.mimeType = json.getString();
          case "filename" -> part.filename = json.getString();
          case "headers" -> {
            if (root) {
              part.headers = headers();
            } else {
              json.skipChildren();
            }
          }
          case "body" -> part.data = bodyData();
          case "parts" -> {
            while (json.nextToken() == JsonToken.START_OBJECT) {
              part.parts.add(part(false));
            }
          }
          default -> json.skipChildren();
        }
      }
      return part;
    }

    private List<Header> headers() {
      List<Header> headers = new ArrayList<>();
      while (json.nextToken() == JsonToken.START_OBJECT) {
        String headerName = null;
        String value = null;
        String field;
        while ((field = json.nextName()) != null) {
          JsonToken token = json.nextToken();
          if (token == JsonToken.VALUE_NULL) {
            continue;
          }
          switch (field) {
            case "name" -> headerName = json.getString();
            case "value" -> value = json.getString();
            default -> json.skipChildren();
          }
        }
        headers.add(new Header(headerName, value));
      }
      return headers;
    }

    /**
     * The body's bytes, when it carries them (attachments carry an id instead), decoded as the
     * parser reads the string; Gmail gives the decoded size first, so the array is allocated once.
     */
    private byte @Nullable [] bodyData() {
      byte[] data = null;
      long size = -1;
      String field;
      while ((field = json.nextName()) != null) {
        JsonToken token = json.nextToken();
        if (field.equals("size") && token == JsonToken.VALUE_NUMBER_INT) {
          size = json.getLongValue();
        } else if (field.equals("data") && token == JsonToken.VALUE_STRING) {
          Base64Decoder decoder = new Base64Decoder(size);
          try {
            json.readString(decoder);
            data = decoder.bytes();
          } catch (IllegalArgumentException e) {
            throw new StreamReadException(json, "Unreadable body data: " + e.getMessage());
          }
        } else {
          json.skipChildren();
        }
      }
      return data;
    }
  }

  private static String header(List<Header> headers, String name) {
    for (Header header : headers) {
      if (name.equalsIgnoreCase(header.name())) {
        return header.value() == null ? "" : header.value();
      }
    }
    return "";
  }

  private record Header(@Nullable String name, @Nullable String value) {}

  private static final class Part {
    String mimeType = "";
    String filename = "";
    List<Header> headers = List.of();
    byte @Nullable [] data;
    final List<Part> parts = new ArrayList<>();
  }

  /** The first text/plain and text/html parts, depth first, that are not attachments. */
  private static final class Bodies {
    @Nullable Utf8Text text;
    @Nullable Utf8Text html;

    void collect(Part part) {
      String mimeType = part.mimeType.toLowerCase(Locale.ROOT);
      if (part.filename.isEmpty() && part.data != null) {
        if (text == null && mimeType.startsWith("text/plain")) {
          text = Utf8Text.of(part.data);
        } else if (html == null && mimeType.startsWith("text/html")) {
          html = Utf8Text.of(part.data);
        }
      }
      part.parts.forEach(this::collect);
    }
  }
}
