package theo.emulator;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The schemas of one of Google's discovery documents in {@code shared/google-discovery} (found by
 * walking up from the working directory), and a check that a JSON answer only uses declared keys.
 */
public final class DiscoverySchemas {
  private final JsonObject schemas;

  private DiscoverySchemas(JsonObject schemas) {
    this.schemas = schemas;
  }

  /** Loads e.g. {@code gmail.v1.json} from the nearest {@code shared/google-discovery} above. */
  public static DiscoverySchemas load(String file) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("google-discovery").resolve(file);
      if (Files.isRegularFile(candidate)) {
        try {
          JsonObject document = new Gson().fromJson(Files.readString(candidate), JsonObject.class);
          return new DiscoverySchemas(document.getAsJsonObject("schemas"));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    throw new IllegalStateException(
        "No shared/google-discovery/" + file + " above " + Path.of("").toAbsolutePath());
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
