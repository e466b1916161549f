package theo.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import theo.auth.Scopes;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person who signed in to Theo over real HTTP through the emulator's OAuth pages and granted the
 * Calendar scopes (the authorization request asks for them, as the connect flow will), with the
 * session for calling Theo's API and the emulator's admin API for their account.
 */
final class GoogleUser {
  private static final Pattern REQUEST_ID =
      Pattern.compile("name=\"request_id\" value=\"([^\"]+)\"");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  final String email;
  final UUID userId;
  private final String appBase;
  private final String emulatorBase;
  private final CookieManager cookies;
  private final HttpClient http;

  private GoogleUser(
      String email,
      UUID userId,
      String appBase,
      String emulatorBase,
      CookieManager cookies,
      HttpClient http) {
    this.email = email;
    this.userId = userId;
    this.appBase = appBase;
    this.emulatorBase = emulatorBase;
    this.cookies = cookies;
    this.http = http;
  }

  /** Signs in {@code email} (an emulator account) granting {@code scopes} beyond the base ones. */
  static GoogleUser signIn(String appBase, String emulatorBase, String email, List<String> scopes)
      throws IOException, InterruptedException {
    CookieManager cookies = new CookieManager();
    HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpResponse<String> start = send(http, request(appBase + "/oauth2/authorization/google"));
    String authorize = location(start);
    List<String> granted = new ArrayList<>(Scopes.BASE);
    granted.addAll(scopes);
    authorize =
        authorize.replaceFirst(
                "([?&]scope=)[^&]*",
                "$1" + URLEncoder.encode(String.join(" ", granted), StandardCharsets.UTF_8))
            + "&login_hint="
            + URLEncoder.encode(email, StandardCharsets.UTF_8);
    HttpResponse<String> page = send(http, request(authorize));
    String callback;
    if (page.statusCode() == 302) {
      callback = location(page);
    } else {
      Matcher id = REQUEST_ID.matcher(page.body());
      assertThat(id.find()).as("consent page: %s", page.body()).isTrue();
      StringBuilder form = new StringBuilder("action=allow&request_id=" + encode(id.group(1)));
      granted.forEach(scope -> form.append("&scope=").append(encode(scope)));
      HttpResponse<String> consent =
          send(
              http,
              HttpRequest.newBuilder(URI.create(emulatorBase + "/o/oauth2/v2/auth/consent"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                  .build());
      callback = location(consent);
    }
    HttpResponse<String> done = send(http, request(callback));
    assertThat(location(done)).doesNotContain("error");
    HttpResponse<String> status = send(http, request(appBase + "/api/integrations/status"));
    assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
    Map<?, ?> user = (Map<?, ?>) JSON.readValue(status.body(), Map.class).get("user");
    UUID userId = UUID.fromString((String) user.get("id"));
    return new GoogleUser(email, userId, appBase, emulatorBase, cookies, http);
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
