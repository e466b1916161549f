package theo.platform;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;

/**
 * Error answers written where no controller can render one (Tomcat's valve, the security firewall's
 * refusals): the API's JSON, or a plain page with the app's header and stylesheet.
 */
final class ErrorBodies {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String PAGE =
      """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>Theo</title><link rel="stylesheet" href="/css/theo.css"></head>
      <body><header class="topbar"><a class="brand" href="/">Theo</a></header>
      <main id="content" class="settings"><h1>Something went wrong</h1>
      <p>%s</p><p><a href="/">Back to Theo</a></p></main></body></html>
      """;

  private ErrorBodies() {}

  /** Whether the path (null when Tomcat could not read it) is answered as the API. */
  static boolean isApi(String path) {
    return path == null || path.isEmpty() || path.startsWith("/api/");
  }

  static byte[] json(int status) {
    return JSON.writeValueAsBytes(ApiError.forStatus(status));
  }

  static byte[] page(int status) {
    // Messages are our own constants: nothing to escape.
    return PAGE.formatted(ApiError.forStatus(status).error().message())
        .getBytes(StandardCharsets.UTF_8);
  }
}
