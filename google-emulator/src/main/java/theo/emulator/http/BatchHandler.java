package theo.emulator.http;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Google's batch endpoint: a {@code multipart/mixed} body of {@code application/http} requests,
 * each routed through the same {@link Router} as if it had come alone, answered with a {@code
 * multipart/mixed} body of {@code application/http} responses in the same order, each with the
 * Content-ID {@code <response-<id>>} of its request (Google's clients match answers to requests by
 * it and refuse one without the angle brackets) and a status line with its reason phrase. Outer
 * headers (Authorization) apply to every part that does not set its own.
 */
public final class BatchHandler implements Handler {
  private static final Logger log = LoggerFactory.getLogger(BatchHandler.class);
  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
  private static final byte[] CRLF = {'\r', '\n'};

  private final Router router;
  private final int maxParts;

  public BatchHandler(Router router, int maxParts) {
    this.router = router;
    this.maxParts = maxParts;
  }

  @Override
  public Response handle(Request request) {
    String contentType = request.header("Content-Type").orElse("");
    Matcher matcher = BOUNDARY.matcher(contentType);
    if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/mixed") || !matcher.find()) {
      return GoogleErrors.api(400, "badRequest", "Batch requests need a multipart/mixed body.");
    }
    List<Part> parts =
        parts(new String(request.body(), StandardCharsets.ISO_8859_1), matcher.group(1));
    if (parts.isEmpty()) {
      return GoogleErrors.api(400, "badRequest", "The batch request has no parts.");
    }
    if (parts.size() > maxParts) {
      return GoogleErrors.api(
          400, "batchSizeTooLarge", "A batch may hold at most " + maxParts + " requests.");
    }
    String boundary = "batch_" + UUID.randomUUID().toString().replace("-", "");
    // A batch of 100 full messages is megabytes: its pieces are written one after the other
    // rather than copied into one array.
    List<Response.BodyWriter> pieces = new ArrayList<>(parts.size() * 3 + 1);
    long length = 0;
    for (Part part : parts) {
      Response response = answer(part, request.headers());
      long bodyLength =
          response.streamed() != null ? response.streamed().length() : response.body().length;
      StringBuilder head = new StringBuilder(256);
      head.append("--").append(boundary).append("\r\n");
      head.append("Content-Type: application/http\r\n");
      head.append("Content-ID: <response-").append(part.contentId()).append(">\r\n\r\n");
      head.append("HTTP/1.1 ")
          .append(response.status())
          .append(' ')
          .append(reason(response.status()))
          .append("\r\n");
      for (Map.Entry<String, String> header : response.headers().entrySet()) {
        head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
      }
      head.append("Content-Length: ").append(bodyLength).append("\r\n\r\n");
      byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
      pieces.add(out -> out.write(headBytes));
      pieces.add(
          response.streamed() != null
              ? response.streamed().writer()
              : out -> out.write(response.body()));
      pieces.add(out -> out.write(CRLF));
      length += headBytes.length + bodyLength + CRLF.length;
    }
    byte[] end = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    pieces.add(out -> out.write(end));
    length += end.length;
    return Response.streamed(
        200,
        "multipart/mixed; boundary=" + boundary,
        length,
        out -> {
          for (int i = 0; i < pieces.size(); i++) {
            pieces.get(i).writeTo(out);
            pieces.set(i, null); // sent: let it go
          }
        });
  }

  private Response answer(Part part, Headers outer) {
    String[] requestLine = part.requestLine().split(" ");
    if (requestLine.length < 2) {
      return GoogleErrors.api(400, "badRequest", "Malformed request line in batch part.");
    }
    URI uri;
    try {
      uri = new URI(requestLine[1]);
    } catch (URISyntaxException e) {
      return GoogleErrors.api(400, "badRequest", "Malformed URL in batch part.");
    }
    String method = requestLine[0].toUpperCase(Locale.ROOT);
    String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
    Headers headers = new Headers();
    outer.forEach(
        (name, values) -> {
          if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
            headers.put(name, values);
          }
        });
    part.headers().forEach(headers::set);
    Optional<Router.Match> match = router.match(method, path);
    if (match.isEmpty()) {
      return GoogleErrors.api(404, "notFound", "Not Found");
    }
    if (match.get().handler() instanceof BatchHandler) {
      return GoogleErrors.api(400, "badRequest", "Batches cannot be nested.");
    }
    try {
      Request inner =
          new Request(
              method, path, uri.getRawQuery(), headers, part.body(), match.get().variables());
      return FieldSelection.handle(inner, match.get().handler());
    } catch (ApiException e) {
      return e.response();
    } catch (IllegalArgumentException e) {
      return GoogleErrors.api(
          400, "invalid", e.getMessage() == null ? "Bad Request" : e.getMessage());
    } catch (Exception e) {
      log.warn("Emulator batch part failed for {} {}", method, path, e);
      return GoogleErrors.api(500, "backendError", "Backend Error");
    }
  }

  /** Splits the body on the boundary and reads each part's embedded HTTP request. */
  private static List<Part> parts(String body, String boundary) {
    List<Part> parts = new ArrayList<>();
    String delimiter = "--" + boundary;
    int index = body.indexOf(delimiter);
    int number = 0;
    while (index >= 0) {
      int start = index + delimiter.length();
      if (body.startsWith("--", start)) {
        break;
      }
      int end = body.indexOf(delimiter, start);
      if (end < 0) {
        break;
      }
      number++;
      parts.add(part(body.substring(start, end), number));
      index = end;
    }
    return parts;
  }

  private static Part part(String raw, int number) {
    String text = raw.replaceFirst("^\r?\n", "");
    int split = blankLine(text);
    String outerHeaders = split < 0 ? text : text.substring(0, split);
    String rest = split < 0 ? "" : text.substring(split).replaceFirst("^\r?\n\r?\n", "");
    String contentId = String.valueOf(number);
    for (String line : outerHeaders.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-ID")) {
        contentId = line.substring(colon + 1).trim().replaceAll("^<|>$", "");
      }
    }
    int headerEnd = blankLine(rest);
    String head = headerEnd < 0 ? rest : rest.substring(0, headerEnd);
    String body = headerEnd < 0 ? "" : rest.substring(headerEnd).replaceFirst("^\r?\n\r?\n", "");
    body = body.replaceFirst("\r?\n$", "");
    String[] lines = head.split("\r?\n");
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
      }
    }
    return new Part(
        contentId, lines[0].trim(), headers, body.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static int blankLine(String text) {
    int crlf = text.indexOf("\r\n\r\n");
    int lf = text.indexOf("\n\n");
    if (crlf < 0) {
      return lf;
    }
    return lf < 0 ? crlf : Math.min(crlf, lf);
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 204 -> "No Content";
      case 304 -> "Not Modified";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 412 -> "Precondition Failed";
      case 429 -> "Too Many Requests";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? "Internal Server Error" : "Error";
    };
  }

  private record Part(
      String contentId, String requestLine, Map<String, String> headers, byte[] body) {}
}
