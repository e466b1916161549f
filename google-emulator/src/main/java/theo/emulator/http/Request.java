package theo.emulator.http;

import com.sun.net.httpserver.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as the emulator's handlers see it: method, decoded path, path variables from the
 * matched route, query and form parameters, headers and the raw body.
 */
public final class Request {
  private final String method;
  private final String path;
  private final Map<String, List<String>> query;
  private final Headers headers;
  private final byte[] body;
  private final Map<String, String> pathVariables;
  private Map<String, List<String>> form;

  public Request(
      String method,
      String path,
      String rawQuery,
      Headers headers,
      byte[] body,
      Map<String, String> pathVariables) {
    this.method = method;
    this.path = path;
    this.query = parseUrlEncoded(rawQuery);
    this.headers = headers;
    this.body = decompress(headers, body);
    this.pathVariables = Map.copyOf(pathVariables);
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  public byte[] body() {
    return body;
  }

  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public String pathVariable(String name) {
    String value = pathVariables.get(name);
    if (value == null) {
      throw new IllegalArgumentException("No path variable " + name);
    }
    return value;
  }

  public Request withPathVariables(Map<String, String> variables) {
    Request copy = new Request(method, path, null, headers, body, variables);
    copy.query.putAll(query);
    copy.form = form;
    return copy;
  }

  /**
   * Parses a JSON body into one of Google's model classes (or any class Google's JSON parser
   * supports); a malformed body answers 400 {@code parseError}.
   */
  public <T> T json(Class<T> type) {
    try {
      return com.google.api.client.json.gson.GsonFactory.getDefaultInstance()
          .createJsonParser(bodyAsString())
          .parse(type);
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw GoogleErrors.apiException(400, "parseError", "Parse Error");
    }
  }

  /** Parses a JSON object body into plain maps, lists, strings, numbers and booleans. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> jsonObject() {
    try {
      Object value = new com.google.gson.Gson().fromJson(bodyAsString(), Object.class);
      if (value instanceof Map<?, ?> map) {
        return (Map<String, Object>) map;
      }
    } catch (com.google.gson.JsonParseException e) {
      // answered below
    }
    throw GoogleErrors.apiException(400, "parseError", "Expected a JSON object body");
  }

  /** First value of a query parameter. */
  public Optional<String> query(String name) {
    return first(query, name);
  }

  public List<String> queryAll(String name) {
    return query.getOrDefault(name, List.of());
  }

  public Map<String, List<String>> queryParameters() {
    return query;
  }

  /** First value of an {@code application/x-www-form-urlencoded} body parameter. */
  public Optional<String> form(String name) {
    return first(formParameters(), name);
  }

  public List<String> formAll(String name) {
    return formParameters().getOrDefault(name, List.of());
  }

  public Map<String, List<String>> formParameters() {
    if (form == null) {
      String type = header("Content-Type").orElse("");
      form =
          type.startsWith("application/x-www-form-urlencoded")
              ? parseUrlEncoded(bodyAsString())
              : new LinkedHashMap<>();
    }
    return form;
  }

  /** A parameter from the query string or, failing that, the form body. */
  public Optional<String> param(String name) {
    return query(name).or(() -> form(name));
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.getFirst(name));
  }

  public Headers headers() {
    return headers;
  }

  /** The bearer token of the Authorization header, if any. */
  public Optional<String> bearerToken() {
    return header("Authorization")
        .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(value -> value.substring(7).trim());
  }

  /** Google's Java clients gzip request bodies by default ({@code Content-Encoding: gzip}). */
  private static byte[] decompress(Headers headers, byte[] body) {
    String encoding = headers == null ? null : headers.getFirst("Content-Encoding");
    if (body == null || body.length == 0 || encoding == null || !encoding.contains("gzip")) {
      return body;
    }
    try (java.util.zip.GZIPInputStream in =
        new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw GoogleErrors.apiException(400, "parseError", "Invalid gzip request body");
    }
  }

  private static Optional<String> first(Map<String, List<String>> values, String name) {
    List<String> list = values.get(name);
    return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
  }

  static Map<String, List<String>> parseUrlEncoded(String raw) {
    Map<String, List<String>> result = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return result;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      result.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return result;
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
