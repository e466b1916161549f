package theo.edge;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import theo.GoogleBrowser;

/**
 * A signed-in session's raw HTTP client for hostile requests: any method, path and bytes, any
 * content type, the CSRF header a page would send. Its cookie jar is shared with a {@link
 * GoogleBrowser} that signs in and connects.
 */
final class RawApi {
  private final String base;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http;

  RawApi(int port) {
    this.base = "http://localhost:" + port;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** A browser on the same cookie jar, to sign in and connect with. */
  GoogleBrowser browser() {
    return new GoogleBrowser(base, cookies);
  }

  String base() {
    return base;
  }

  /** A JSON request; {@code body} null for none. */
  HttpResponse<String> json(String method, String pathAndQuery, @Nullable String body)
      throws IOException, InterruptedException {
    return send(
        method,
        pathAndQuery,
        body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "application/json",
        Map.of());
  }

  /** A JSON body sent without a length (chunked), as a streaming client would. */
  HttpResponse<String> streamed(String method, String pathAndQuery, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .method(
                method,
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(body)))
            .header("Accept", "application/json")
            .header("Content-Type", "application/json");
    String xsrf = xsrf();
    if (xsrf != null) {
      request.header("X-XSRF-TOKEN", xsrf);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(
      String method,
      String pathAndQuery,
      byte @Nullable [] body,
      String contentType,
      Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Accept", "application/json");
    if (body != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    String xsrf = xsrf();
    if (xsrf != null) {
      request.header("X-XSRF-TOKEN", xsrf);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Starts a request declaring a {@code declaredLength}-byte body but sends only {@code start} of
   * it, then reads the answer as a client streaming a huge upload would: status line and body.
   */
  RawAnswer declaring(String method, String path, long declaredLength, byte[] start)
      throws IOException {
    try (java.net.Socket socket = new java.net.Socket("localhost", URI.create(base).getPort())) {
      socket.setSoTimeout(20_000);
      String cookie =
          cookies.getCookieStore().getCookies().stream()
              .map(c -> c.getName() + "=" + c.getValue())
              .collect(java.util.stream.Collectors.joining("; "));
      String head =
          method
              + " "
              + path
              + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n"
              + "Content-Type: application/json\r\nContent-Length: "
              + declaredLength
              + "\r\nCookie: "
              + cookie
              + "\r\nX-XSRF-TOKEN: "
              + xsrf()
              + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().write(start);
      socket.getOutputStream().flush();
      // Read until the JSON answer is complete: the server may keep the connection open while
      // it drains (or gives up on) the body we never send.
      java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      String answer = "";
      int bodyAt = -1;
      while (bodyAt < 0 || !answer.substring(bodyAt).contains("}}")) {
        int n = socket.getInputStream().read(buffer);
        if (n < 0) {
          break;
        }
        received.write(buffer, 0, n);
        answer = received.toString(java.nio.charset.StandardCharsets.UTF_8);
        bodyAt = answer.indexOf("\r\n\r\n");
      }
      int status = Integer.parseInt(answer.substring(9, 12));
      int bodyStart = answer.indexOf("\r\n\r\n");
      return new RawAnswer(status, answer.substring(0, bodyStart), answer.substring(bodyStart + 4));
    }
  }

  /** A raw answer: status, header block, body. */
  record RawAnswer(int status, String headers, String body) {}

  /** A GET a browser would send for a page. */
  HttpResponse<String> page(String pathAndQuery) throws IOException, InterruptedException {
    return page(pathAndQuery, Map.of());
  }

  HttpResponse<String> page(String pathAndQuery, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .header("Accept", "text/html,application/xhtml+xml");
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private @Nullable String xsrf() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }
}
