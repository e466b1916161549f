package theo.platform;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own answer to what never reached Theo (a request line or headers over the limit, a
 * malformed request): {@code {"error":{...}}} JSON under {@code /api/} and a plain page in the
 * app's look elsewhere, instead of Tomcat's HTML with its version.
 */
public class JsonErrorReportValve extends ErrorReportValve {
  private static final String PAGE =
      """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>Theo</title><link rel="stylesheet" href="/css/theo.css"></head>
      <body><header class="topbar"><a class="brand" href="/">Theo</a></header>
      <main id="content" class="settings"><h1>This request could not be read</h1>
      <p>%s</p><p><a href="/">Back to Theo</a></p></main></body></html>
      """;

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    String uri = request.getRequestURI();
    boolean api = uri == null || uri.isEmpty() || uri.startsWith("/api/");
    ApiError error = ApiError.forStatus(status);
    try {
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.setContentType(api ? "application/json" : "text/html;charset=utf-8");
      Writer writer = response.getReporter();
      if (writer == null) {
        return;
      }
      // Codes and messages are our own constants: nothing here needs escaping.
      writer.write(
          api
              ? "{\"error\":{\"code\":\""
                  + error.error().code()
                  + "\",\"message\":\""
                  + error.error().message()
                  + "\"}}"
              : PAGE.formatted(error.error().message()));
      response.finishResponse();
    } catch (IOException | IllegalStateException e) {
      // The connection is gone or the response already committed; nothing more to say.
    }
  }
}
