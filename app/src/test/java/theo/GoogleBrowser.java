package theo;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A cookie-keeping HTTP client that walks Theo's and the emulator's pages the way a browser would
 * (redirects, the account chooser and consent forms), for API tests that need a signed-in session
 * without starting Chromium. It follows redirects by hand so tests see every hop.
 */
public final class GoogleBrowser {
  private static final Pattern REQUEST_ID =
      Pattern.compile("name=\"request_id\" value=\"([^\"]+)\"");
  private static final Pattern SCOPE_BOX = Pattern.compile("name=\"scope\" value=\"([^\"]+)\"");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String appBase;
  private final CookieManager cookies;
  private final HttpClient http;
  private boolean sendCsrf = true;

  public GoogleBrowser(int appPort) {
    this("http://localhost:" + appPort, new CookieManager(null, CookiePolicy.ACCEPT_ALL));
  }

  /** Signs in with the base scopes as {@code email}; returns the final page URL. */
  public String signIn(String email) {
    return authorize(appBase + "/oauth2/authorization/google", email, Set.of(), true);
  }

  /**
   * Starts {@code POST /api/integrations/{id}/connect} and completes the authorization at the
   * emulator as {@code email}, unticking {@code untick}; returns the URL the flow ended on.
   */
  public String connect(String integration, String email, Set<String> untick) {
    Response started = post("/api/integrations/" + integration + "/connect", "{}");
    if (started.status() != 200 || !started.json().path("signInRequired").asBoolean(false)) {
      throw new IllegalStateException("Connect did not ask for sign-in: " + started);
    }
    return authorize(
        appBase + started.json().get("authorizationUrl").asString(), email, untick, true);
  }

  /** Like {@link #connect} but presses Cancel on the consent page. */
  public String connectAndCancel(String integration, String email) {
    Response started = post("/api/integrations/" + integration + "/connect", "{}");
    return authorize(
        appBase + started.json().get("authorizationUrl").asString(), email, Set.of(), false);
  }

  /**
   * Follows an authorization from its first URL to the page it lands on: picks {@code email} in the
   * chooser, then Allow (with {@code untick} unticked) or Cancel on the consent page.
   */
  public String authorize(String url, String email, Set<String> untick, boolean allow) {
    String current = url;
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(current)).GET());
    for (int hop = 0; hop < 30; hop++) {
      if (isRedirect(response)) {
        current = resolve(current, response.headers().firstValue("Location").orElseThrow());
        response = send(HttpRequest.newBuilder(URI.create(current)).GET());
        continue;
      }
      String html = response.body();
      Matcher requestId = REQUEST_ID.matcher(html == null ? "" : html);
      if (response.statusCode() != 200 || !requestId.find()) {
        return current;
      }
      Map<String, List<String>> form;
      String action;
      if (html.contains("name=\"account\"")) {
        action = "/o/oauth2/v2/auth/choose";
        form = Map.of("request_id", List.of(requestId.group(1)), "account", List.of(email));
      } else {
        List<String> scopes = new ArrayList<>();
        Matcher box = SCOPE_BOX.matcher(html);
        while (box.find()) {
          if (!untick.contains(box.group(1))) {
            scopes.add(box.group(1));
          }
        }
        action = "/o/oauth2/v2/auth/consent";
        form =
            Map.of(
                "request_id",
                List.of(requestId.group(1)),
                "scope",
                scopes,
                "action",
                List.of(allow ? "allow" : "cancel"));
      }
      current = origin(current) + action;
      response = submit(current, form);
    }
    throw new IllegalStateException("Too many hops from " + url);
  }

  private HttpResponse<String> submit(String url, Map<String, List<String>> form) {
    String body =
        form.entrySet().stream()
            .flatMap(
                entry ->
                    entry.getValue().stream()
                        .map(value -> encode(entry.getKey()) + "=" + encode(value)))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /**
   * Waits until the integration has run at least one sync and none is running (the status the sync
   * endpoint reports), polling well under its 120/min limit; answers that status.
   */
  public JsonNode awaitSyncEnded(String integration) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (true) {
      Response sync = get("/api/integrations/" + integration + "/sync");
      if (sync.status() != 200) {
        throw new IllegalStateException("Sync status: " + sync);
      }
      JsonNode status = sync.json();
      if (!status.path("history").isEmpty()
          && !"running".equals(status.path("status").asString())) {
        return status;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Sync still running after 90 s: " + sync.body());
      }
      try {
        Thread.sleep(600);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** A bodiless POST to an absolute URL (the emulator's admin API), without cookies' help. */
  public Response rawPost(String url) {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    return new Response(response.statusCode(), response.body(), response.headers().map());
  }

  /** The raw answer to a GET of an absolute URL, without following redirects. */
  public HttpResponse<String> rawGet(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  public Response get(String path) {
    return api("GET", path, null);
  }

  public Response post(String path, String json) {
    return api("POST", path, json);
  }

  public Response put(String path, String json) {
    return api("PUT", path, json);
  }

  public Response delete(String path) {
    return api("DELETE", path, null);
  }

  /** A JSON API call with the CSRF header a page would send. */
  public Response api(String method, String path, String json) {
    return api(method, path, json, null);
  }

  /** Like {@link #api(String, String, String)} with an {@code Idempotency-Key} header. */
  public Response api(String method, String path, String json, String idempotencyKey) {
    if (xsrfToken() == null) {
      send(HttpRequest.newBuilder(URI.create(appBase + "/")).GET());
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(appBase + path))
            .header("Accept", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    String token = xsrfToken();
    if (token != null && sendCsrf) {
      request.header("X-XSRF-TOKEN", token);
    }
    HttpResponse<String> response = send(request);
    return new Response(response.statusCode(), response.body(), response.headers().map());
  }

  /** The same session, but API calls leave out the CSRF header (as a forged request would). */
  public GoogleBrowser withoutCsrf() {
    GoogleBrowser forged = new GoogleBrowser(appBase, cookies);
    forged.sendCsrf = false;
    return forged;
  }

  /** A browser on {@code appBase} whose cookie jar is {@code sharedCookies}. */
  public GoogleBrowser(String appBase, CookieManager sharedCookies) {
    this.appBase = appBase;
    this.cookies = sharedCookies;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(sharedCookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  private String xsrfToken() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean isRedirect(HttpResponse<?> response) {
    return response.statusCode() >= 300
        && response.statusCode() < 400
        && response.headers().firstValue("Location").isPresent();
  }

  private static String resolve(String from, String location) {
    return URI.create(from).resolve(location).toString();
  }

  private static String origin(String url) {
    URI uri = URI.create(url);
    return uri.getScheme() + "://" + uri.getAuthority();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** An API answer: status, raw body, headers; {@link #json()} parses the body. */
  public record Response(int status, String body, Map<String, List<String>> headers) {
    public JsonNode json() {
      return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    }

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(entry -> entry.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  /** Scopes by short name, for {@code untick} sets. */
  public static Set<String> scopes(String... shortNames) {
    Set<String> result = new LinkedHashSet<>();
    for (String name : shortNames) {
      result.add("https://www.googleapis.com/auth/" + name);
    }
    return result;
  }
}
