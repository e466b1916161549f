package theo.emulator.http;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Google's partial responses: the {@code fields} parameter keeps only the selected fields of a JSON
 * answer. The syntax is Google's ("Partial response" in each API's performance guide): {@code a,b}
 * selects several fields, {@code a/b} a field inside another, {@code a(b,c)} several fields inside
 * one, {@code *} every field at its level; a selection on an array applies to each element.
 */
public final class FieldSelection {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  /** Selections of the named fields ({@code *} for any field); none means the whole value. */
  private final Map<String, FieldSelection> fields = new LinkedHashMap<>();

  private boolean whole;

  private FieldSelection() {}

  /** Parses a {@code fields} value; a malformed one answers 400 as Google does. */
  public static FieldSelection parse(String expression) {
    Parser parser = new Parser(expression);
    FieldSelection selection = parser.selection();
    if (!parser.atEnd()) {
      throw parser.invalid();
    }
    return selection;
  }

  /**
   * Runs {@code handler} and keeps only the fields the request's {@code fields} parameter selects
   * of its answer. The selection is checked before the handler runs, so a malformed one changes
   * nothing; answers that are not successful JSON pass unchanged.
   */
  public static Response handle(Request request, Handler handler) throws Exception {
    Optional<FieldSelection> selection =
        request.query("fields").filter(value -> !value.isBlank()).map(FieldSelection::parse);
    Response response = handler.handle(request);
    return selection.isEmpty() ? response : selection.get().select(response);
  }

  private Response select(Response response) {
    String type = response.headers().getOrDefault("Content-Type", "");
    if (response.status() / 100 != 2 || !type.startsWith("application/json")) {
      return response;
    }
    JsonElement body;
    try {
      body = GSON.fromJson(bodyText(response), JsonElement.class);
    } catch (JsonParseException e) {
      return response;
    }
    byte[] selected = GSON.toJson(apply(body)).getBytes(StandardCharsets.UTF_8);
    return new Response(response.status(), response.headers(), selected);
  }

  /** The parts of {@code value} this selection keeps. */
  public JsonElement apply(JsonElement value) {
    if (whole || value == null) {
      return value;
    }
    if (value.isJsonArray()) {
      JsonArray kept = new JsonArray();
      for (JsonElement item : value.getAsJsonArray()) {
        kept.add(apply(item));
      }
      return kept;
    }
    if (!value.isJsonObject()) {
      return value;
    }
    JsonObject kept = new JsonObject();
    for (Map.Entry<String, JsonElement> entry : value.getAsJsonObject().entrySet()) {
      FieldSelection field = fields.getOrDefault(entry.getKey(), fields.get("*"));
      if (field != null) {
        kept.add(entry.getKey(), field.apply(entry.getValue()));
      }
    }
    return kept;
  }

  private FieldSelection field(String name) {
    return fields.computeIfAbsent(name, key -> new FieldSelection());
  }

  private void merge(FieldSelection other) {
    whole |= other.whole;
    other.fields.forEach((name, selection) -> field(name).merge(selection));
  }

  private static String bodyText(Response response) {
    if (response.streamed() == null) {
      return response.bodyAsString();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) response.streamed().length());
    try {
      response.streamed().writer().writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Recursive descent over {@code selection := item (',' item)*; item := path ['(' selection ')']}.
   */
  private static final class Parser {
    private final String text;
    private int position;

    Parser(String text) {
      this.text = text;
    }

    FieldSelection selection() {
      FieldSelection selection = new FieldSelection();
      do {
        item(selection);
      } while (consume(','));
      return selection;
    }

    private void item(FieldSelection into) {
      FieldSelection target = into.field(name());
      while (consume('/')) {
        target = target.field(name());
      }
      if (consume('(')) {
        target.merge(selection());
        if (!consume(')')) {
          throw invalid();
        }
      } else {
        target.whole = true;
      }
    }

    private String name() {
      skipSpaces();
      if (position < text.length() && text.charAt(position) == '*') {
        position++;
        return "*";
      }
      int start = position;
      while (position < text.length() && isNameCharacter(text.charAt(position))) {
        position++;
      }
      if (start == position) {
        throw invalid();
      }
      return text.substring(start, position);
    }

    private boolean consume(char expected) {
      skipSpaces();
      if (position < text.length() && text.charAt(position) == expected) {
        position++;
        return true;
      }
      return false;
    }

    boolean atEnd() {
      skipSpaces();
      return position == text.length();
    }

    private void skipSpaces() {
      while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
        position++;
      }
    }

    private static boolean isNameCharacter(char c) {
      return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '@';
    }

    ApiException invalid() {
      return GoogleErrors.apiException(
          400, "invalidParameter", "Invalid field selection " + text.trim());
    }
  }
}
