package theo.emulator;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The schemas of one of Google's discovery documents, and a check that a JSON answer only uses
 * declared keys.
 */
public final class DiscoverySchemas {
  private final JsonObject schemas;

  private DiscoverySchemas(JsonObject schemas) {
    this.schemas = schemas;
  }

  /**
   * Loads e.g. {@code gmail.v1.json}: Google's discovery documents are kept as test resources under
   * {@code google-discovery/} (a copy of {@code shared/google-discovery}).
   */
  public static DiscoverySchemas load(String file) {
    JsonObject document = new Gson().fromJson(text(file), JsonObject.class);
    return new DiscoverySchemas(document.getAsJsonObject("schemas"));
  }

  /** The raw text of a discovery document. */
  public static String text(String file) {
    try (InputStream in = DiscoverySchemas.class.getResourceAsStream("/google-discovery/" + file)) {
      if (in == null) {
        throw new IllegalStateException("No test resource google-discovery/" + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every key of {@code json}, at any depth, that the schema does not declare. */
  public List<String> undeclaredKeys(String schemaName, String json) {
    List<String> problems = new ArrayList<>();
    check(schemaName, new Gson().fromJson(json, JsonElement.class), schemaName, problems);
    return problems;
  }

  private void check(String schemaName, JsonElement value, String where, List<String> problems) {
    JsonObject schema = schemas.getAsJsonObject(schemaName);
    if (schema == null) {
      problems.add(where + ": no schema " + schemaName);
      return;
    }
    checkAgainst(schema, value, where, problems);
  }

  private void checkAgainst(
      JsonObject schema, JsonElement value, String where, List<String> problems) {
    if (schema.has("$ref")) {
      check(schema.get("$ref").getAsString(), value, where, problems);
      return;
    }
    if (value.isJsonArray()) {
      JsonObject items = schema.getAsJsonObject("items");
      for (JsonElement item : value.getAsJsonArray()) {
        checkAgainst(items, item, where + "[]", problems);
      }
      return;
    }
    if (!value.isJsonObject()) {
      return;
    }
    JsonObject properties = schema.getAsJsonObject("properties");
    String name = schema.has("id") ? schema.get("id").getAsString() : "object";
    for (Map.Entry<String, JsonElement> entry : value.getAsJsonObject().entrySet()) {
      if (properties == null || !properties.has(entry.getKey())) {
        problems.add(where + "." + entry.getKey() + " is not declared by " + name);
        continue;
      }
      checkAgainst(
          properties.getAsJsonObject(entry.getKey()),
          entry.getValue(),
          where + "." + entry.getKey(),
          problems);
    }
  }
}
