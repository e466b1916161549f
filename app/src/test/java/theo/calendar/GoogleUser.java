package theo.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import theo.GoogleBrowser;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person who signed in to Theo over real HTTP through the emulator's OAuth pages (and usually
 * connected Calendar the same way), with the session for calling Theo's API and the emulator's
 * admin API for their account.
 */
final class GoogleUser {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final GoogleBrowser browser;
  final String email;
  final UUID userId;
  private final String appBase;
  private final String emulatorBase;
  private final CookieManager cookies;
  private final HttpClient http;

  private GoogleUser(
      GoogleBrowser browser,
      String email,
      UUID userId,
      String appBase,
      String emulatorBase,
      CookieManager cookies,
      HttpClient http) {
    this.browser = browser;
    this.email = email;
    this.userId = userId;
    this.appBase = appBase;
    this.emulatorBase = emulatorBase;
    this.cookies = cookies;
    this.http = http;
  }

  /** Signs in {@code email} (an emulator account) with the base scopes only. */
  static GoogleUser signIn(String appBase, String emulatorBase, String email)
      throws IOException, InterruptedException {
    CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    GoogleBrowser browser = new GoogleBrowser(appBase, cookies);
    browser.signIn(email);
    HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpResponse<String> status = send(http, request(appBase + "/api/integrations/status"));
    assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
    Map<?, ?> user = (Map<?, ?>) JSON.readValue(status.body(), Map.class).get("user");
    UUID userId = UUID.fromString((String) user.get("id"));
    return new GoogleUser(browser, email, userId, appBase, emulatorBase, cookies, http);
  }

  /**
   * Signs in {@code email}, connects Calendar through the app's connect flow and the emulator's
   * consent page, and waits for the sync that connecting starts to end, so tests that drive the
   * engine themselves never race it.
   */
  static GoogleUser connectCalendar(String appBase, String emulatorBase, String email)
      throws IOException, InterruptedException {
    GoogleUser user = signIn(appBase, emulatorBase, email);
    assertThat(user.browser.connect("calendar", email, Set.of())).doesNotContain("error");
    user.browser.awaitSyncEnded("calendar");
    return user;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(http, request(appBase + path));
  }

  Map<?, ?> getJson(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readValue(response.body(), Map.class);
  }

  HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
    return send(
        http,
        HttpRequest.newBuilder(URI.create(appBase + path))
            .header("Content-Type", "application/json")
            .header("X-XSRF-TOKEN", csrfToken())
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  /** Calls the emulator's admin API for this account: {@code calendar/...}. */
  Map<?, ?> admin(String method, String path, Object body)
      throws IOException, InterruptedException {
    String url =
        emulatorBase + "/emulator/accounts/" + encode(email).replace("%40", "@") + "/" + path;
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    HttpResponse<String> response = send(http, request.build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readValue(response.body(), Map.class);
  }

  static Map<?, ?> json(String body) {
    return JSON.readValue(body, Map.class);
  }

  private String csrfToken() throws IOException, InterruptedException {
    String token = cookie("XSRF-TOKEN");
    if (token == null) {
      get("/settings/integrations");
      token = cookie("XSRF-TOKEN");
    }
    assertThat(token).as("XSRF-TOKEN cookie").isNotNull();
    return token;
  }

  private String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals(name))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }

  private static HttpRequest request(String url) {
    return HttpRequest.newBuilder(URI.create(url)).GET().build();
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest request)
      throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String location(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    return response.headers().firstValue("Location").orElseThrow();
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
