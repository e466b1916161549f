package theo.emulator.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives the emulator over real HTTP like a browser and an OAuth client would: reads the HTML
 * pages, submits their forms with the hidden fields they carry, and calls the JSON endpoints.
 */
final class Browser {
  static final String REDIRECT_URI = "http://localhost:8080/login/oauth2/code/google";

  private static final Pattern HIDDEN_REQUEST_ID =
      Pattern.compile("<input type=\"hidden\" name=\"request_id\" value=\"([^\"]+)\">");
  private static final Pattern FORM_ACTION =
      Pattern.compile("<form method=\"post\" action=\"([^\"]+)\">");
  private static final Pattern ACCOUNT_BUTTON =
      Pattern.compile("<button type=\"submit\" name=\"account\" value=\"([^\"]+)\">");
  private static final Pattern SCOPE_BOX =
      Pattern.compile("<input type=\"checkbox\" name=\"scope\" value=\"([^\"]+)\" checked>");

  private final String baseUrl;
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private String cookie;

  Browser(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** GET of the authorization endpoint with these query parameters. */
  HttpResponse<String> openAuthorization(Map<String, String> parameters) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/o/oauth2/v2/auth?" + encode(parameters)))
            .GET());
  }

  /** Clicks the account's button on a chooser page. */
  HttpResponse<String> chooseAccount(HttpResponse<String> chooser, String email) {
    assertThat(chooser.statusCode()).isEqualTo(200);
    assertThat(all(ACCOUNT_BUTTON, chooser.body())).contains(email);
    Map<String, List<String>> form = new LinkedHashMap<>();
    form.put("request_id", List.of(one(HIDDEN_REQUEST_ID, chooser.body())));
    form.put("account", List.of(email));
    return submit(chooser.body(), form);
  }

  /** Unticks {@code untick} on a consent page and clicks "Allow" or "Cancel". */
  HttpResponse<String> answerConsent(
      HttpResponse<String> consent, List<String> untick, String button) {
    assertThat(consent.statusCode()).isEqualTo(200);
    assertThat(consent.body()).contains(">" + button + "</button>");
    Map<String, List<String>> form = new LinkedHashMap<>();
    form.put("request_id", List.of(one(HIDDEN_REQUEST_ID, consent.body())));
    List<String> ticked = new ArrayList<>(scopeBoxes(consent));
    ticked.removeAll(untick);
    form.put("scope", ticked);
    Matcher clicked =
        Pattern.compile(
                "<button type=\"submit\" name=\"(\\w+)\" value=\"(\\w+)\">" + button + "</button>")
            .matcher(consent.body());
    assertThat(clicked.find()).isTrue();
    form.put(clicked.group(1), List.of(clicked.group(2)));
    return submit(consent.body(), form);
  }

  /** Runs a whole authorization as {@code email} who allows everything; returns the redirect. */
  Map<String, String> authorize(Map<String, String> parameters, String email) {
    return authorize(parameters, email, List.of());
  }

  Map<String, String> authorize(Map<String, String> parameters, String email, List<String> untick) {
    HttpResponse<String> page = openAuthorization(parameters);
    if (page.statusCode() == 200 && page.body().contains("name=\"account\"")) {
      page = chooseAccount(page, email);
    }
    if (page.statusCode() == 200) {
      page = answerConsent(page, untick, "Allow");
    }
    return redirectParameters(page);
  }

  static List<String> scopeBoxes(HttpResponse<String> consent) {
    return all(SCOPE_BOX, consent.body());
  }

  static boolean isConsentPage(HttpResponse<String> page) {
    return page.statusCode() == 200 && page.body().contains(">Allow</button>");
  }

  static boolean isChooserPage(HttpResponse<String> page) {
    return page.statusCode() == 200 && page.body().contains("name=\"account\"");
  }

  /** The query of a 302 to the client's redirect URI. */
  static Map<String, String> redirectParameters(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    String location = response.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(REDIRECT_URI + "?");
    Map<String, String> result = new LinkedHashMap<>();
    for (String pair : URI.create(location).getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      result.put(decode(parts[0]), parts.length == 2 ? decode(parts[1]) : "");
    }
    return result;
  }

  /** POST /token with client_secret_post credentials added to the form. */
  HttpResponse<String> token(Map<String, String> form) {
    Map<String, String> withClient = new LinkedHashMap<>(form);
    withClient.putIfAbsent("client_id", OAuthSurfaceTests.CLIENT_ID);
    withClient.putIfAbsent("client_secret", OAuthSurfaceTests.CLIENT_SECRET);
    return postForm("/token", withClient, null);
  }

  /** POST /token authenticating with HTTP Basic (client_secret_basic). */
  HttpResponse<String> tokenWithBasic(Map<String, String> form, String clientId, String secret) {
    String credentials =
        URLEncoder.encode(clientId, StandardCharsets.UTF_8)
            + ":"
            + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    String header =
        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    return postForm("/token", form, header);
  }

  HttpResponse<String> postForm(String path, Map<String, String> form, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request);
  }

  HttpResponse<String> get(String path, String bearerToken) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
    if (bearerToken != null) {
      request.header("Authorization", "Bearer " + bearerToken);
    }
    return send(request);
  }

  HttpResponse<String> post(String path) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  HttpResponse<String> postJson(String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> put(String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(HttpResponse<String> response) {
    return new Gson().fromJson(response.body(), Map.class);
  }

  private HttpResponse<String> submit(String page, Map<String, List<String>> form) {
    StringBuilder body = new StringBuilder();
    form.forEach(
        (name, values) ->
            values.forEach(
                value -> {
                  if (body.length() > 0) {
                    body.append('&');
                  }
                  body.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                      .append('=')
                      .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                }));
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + one(FORM_ACTION, page)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      response
          .headers()
          .firstValue("Set-Cookie")
          .ifPresent(value -> cookie = value.substring(0, value.indexOf(';')));
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String one(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
    return unescape(matcher.group(1));
  }

  private static List<String> all(Pattern pattern, String text) {
    List<String> result = new ArrayList<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      result.add(unescape(matcher.group(1)));
    }
    return result;
  }

  private static String unescape(String html) {
    return html.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  static String encode(Map<String, String> parameters) {
    StringBuilder query = new StringBuilder();
    parameters.forEach(
        (name, value) -> {
          if (query.length() > 0) {
            query.append('&');
          }
          query
              .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
    return query.toString();
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
