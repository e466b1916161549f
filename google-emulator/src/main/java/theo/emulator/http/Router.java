package theo.emulator.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps method + path templates such as {@code /gmail/v1/users/{userId}/messages/{id}} to handlers.
 * A template segment {@code {name}} matches one path segment (percent-decoded); a final segment
 * {@code {name...}} matches the rest of the path.
 */
public final class Router {
  private final List<Route> routes = new ArrayList<>();

  public Router get(String template, Handler handler) {
    return add("GET", template, handler);
  }

  public Router post(String template, Handler handler) {
    return add("POST", template, handler);
  }

  public Router put(String template, Handler handler) {
    return add("PUT", template, handler);
  }

  public Router patch(String template, Handler handler) {
    return add("PATCH", template, handler);
  }

  public Router delete(String template, Handler handler) {
    return add("DELETE", template, handler);
  }

  public synchronized Router add(String method, String template, Handler handler) {
    routes.add(new Route(method, segments(template), handler));
    return this;
  }

  /** The handler for a request path, with its path variables; empty when nothing matches. */
  public synchronized Optional<Match> match(String method, String rawPath) {
    List<String> path = segments(rawPath);
    boolean pathKnown = false;
    for (Route route : routes) {
      Map<String, String> variables = route.match(path);
      if (variables != null) {
        pathKnown = true;
        if (route.method.equalsIgnoreCase(method)) {
          return Optional.of(new Match(route.handler, variables));
        }
      }
    }
    return pathKnown
        ? Optional.of(new Match(request -> methodNotAllowed(), Map.of()))
        : Optional.empty();
  }

  private static Response methodNotAllowed() {
    return GoogleErrors.api(405, "httpMethodNotAllowed", "Method not allowed for this path.");
  }

  private static List<String> segments(String path) {
    List<String> result = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        result.add(segment);
      }
    }
    return result;
  }

  /** A matched handler with the path variables taken from the request path. */
  public record Match(Handler handler, Map<String, String> variables) {}

  private record Route(String method, List<String> template, Handler handler) {
    Map<String, String> match(List<String> path) {
      Map<String, String> variables = new LinkedHashMap<>();
      for (int i = 0; i < template.size(); i++) {
        String part = template.get(i);
        if (part.startsWith("{") && part.endsWith("...}")) {
          if (i >= path.size()) {
            return null;
          }
          List<String> rest = path.subList(i, path.size()).stream().map(Route::decode).toList();
          variables.put(part.substring(1, part.length() - 4), String.join("/", rest));
          return variables;
        }
        if (i >= path.size()) {
          return null;
        }
        if (part.startsWith("{") && part.endsWith("}")) {
          variables.put(part.substring(1, part.length() - 1), decode(path.get(i)));
        } else if (!part.equals(path.get(i))) {
          return null;
        }
      }
      return template.size() == path.size() ? variables : null;
    }

    private static String decode(String segment) {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
  }
}
