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
  private final JsonObject resources;

  private DiscoverySchemas(JsonObject schemas, JsonObject resources) {
    this.schemas = schemas;
    this.resources = resources;
  }

  /**
   * Loads e.g. {@code gmail.v1.json}: Google's discovery documents are kept as test resources under
   * {@code google-discovery/} (a copy of {@code shared/google-discovery}).
   */
  public static DiscoverySchemas load(String file) {
    JsonObject document = new Gson().fromJson(text(file), JsonObject.class);
    return new DiscoverySchemas(
        document.getAsJsonObject("schemas"), document.getAsJsonObject("resources"));
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

  /**
   * The schema a method answers with, by the discovery document's method id (e.g. {@code
   * gmail.users.labels.get} gives {@code Label}).
   */
  public String responseOf(String methodId) {
    JsonObject method = findMethod(resources, methodId);
    if (method == null || !method.has("response")) {
      throw new IllegalArgumentException("No method with a response: " + methodId);
    }
    return method.getAsJsonObject("response").get("$ref").getAsString();
  }

  private static JsonObject findMethod(JsonObject resources, String methodId) {
    if (resources == null) {
      return null;
    }
    for (Map.Entry<String, JsonElement> resource : resources.entrySet()) {
      JsonObject body = resource.getValue().getAsJsonObject();
      JsonObject methods = body.getAsJsonObject("methods");
      if (methods != null) {
        for (Map.Entry<String, JsonElement> method : methods.entrySet()) {
          JsonObject candidate = method.getValue().getAsJsonObject();
          if (methodId.equals(candidate.get("id").getAsString())) {
            return candidate;
          }
        }
      }
      JsonObject found = findMethod(body.getAsJsonObject("resources"), methodId);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /**
   * Everything in {@code json} the schema does not allow: undeclared keys, values of the wrong JSON
   * type, enum values the schema does not list, and 64-bit integers sent as numbers (Google sends
   * {@code int64}/{@code uint64} as strings).
   */
  public List<String> violations(String schemaName, String json) {
    List<String> problems = new ArrayList<>();
    validate(ref(schemaName), new Gson().fromJson(json, JsonElement.class), schemaName, problems);
    return problems;
  }

  private JsonObject ref(String schemaName) {
    JsonObject schema = schemas.getAsJsonObject(schemaName);
    if (schema == null) {
      throw new IllegalArgumentException("No schema " + schemaName);
    }
    return schema;
  }

  private void validate(JsonObject schema, JsonElement value, String where, List<String> problems) {
    if (schema.has("$ref")) {
      validate(ref(schema.get("$ref").getAsString()), value, where, problems);
      return;
    }
    if (value == null || value.isJsonNull()) {
      return;
    }
    String type = schema.has("type") ? schema.get("type").getAsString() : "any";
    String format = schema.has("format") ? schema.get("format").getAsString() : "";
    switch (type) {
      case "object" -> validateObject(schema, value, where, problems);
      case "array" -> {
        if (!value.isJsonArray()) {
          problems.add(where + " should be an array: " + abbreviate(value));
          return;
        }
        int i = 0;
        for (JsonElement item : value.getAsJsonArray()) {
          validate(schema.getAsJsonObject("items"), item, where + "[" + i++ + "]", problems);
        }
      }
      case "string" -> {
        if (!isString(value)) {
          problems.add(where + " should be a string: " + abbreviate(value));
        } else if (format.equals("int64") || format.equals("uint64")) {
          if (!value.getAsString().matches("-?[0-9]+")) {
            problems.add(where + " should be a decimal " + format + ": " + value);
          }
        } else if (schema.has("enum")) {
          List<String> allowed = new ArrayList<>();
          schema.getAsJsonArray("enum").forEach(e -> allowed.add(e.getAsString()));
          if (!allowed.contains(value.getAsString())) {
            problems.add(where + " = " + value + " is not one of " + allowed);
          }
        }
      }
      case "integer" -> {
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
          problems.add(where + " should be a JSON number (" + format + "): " + abbreviate(value));
        } else if (!value.getAsString().matches("-?[0-9]+")) {
          problems.add(where + " should be an integer: " + value);
        }
      }
      case "number" -> {
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
          problems.add(where + " should be a JSON number: " + abbreviate(value));
        }
      }
      case "boolean" -> {
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
          problems.add(where + " should be a boolean: " + abbreviate(value));
        }
      }
      default -> {
        // "any": Google declares no shape
      }
    }
  }

  private void validateObject(
      JsonObject schema, JsonElement value, String where, List<String> problems) {
    if (!value.isJsonObject()) {
      problems.add(where + " should be an object: " + abbreviate(value));
      return;
    }
    JsonObject properties = schema.getAsJsonObject("properties");
    JsonObject additional = schema.getAsJsonObject("additionalProperties");
    for (Map.Entry<String, JsonElement> entry : value.getAsJsonObject().entrySet()) {
      String path = where + "." + entry.getKey();
      if (properties != null && properties.has(entry.getKey())) {
        validate(properties.getAsJsonObject(entry.getKey()), entry.getValue(), path, problems);
      } else if (additional != null) {
        validate(additional, entry.getValue(), path, problems);
      } else {
        problems.add(path + " is not declared");
      }
    }
  }

  private static boolean isString(JsonElement value) {
    return value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
  }

  private static String abbreviate(JsonElement value) {
    String text = value.toString();
    return text.length() > 60 ? text.substring(0, 60) + "..." : text;
  }
}
