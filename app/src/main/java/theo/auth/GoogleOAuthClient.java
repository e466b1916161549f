package theo.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import theo.platform.GoogleEndpoints;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two OAuth calls Theo makes outside sign-in: refresh a token and revoke a grant, against the
 * configured (or emulated) Google endpoints, with timeouts. Tokens travel only in request bodies.
 */
@Component
class GoogleOAuthClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final GoogleEndpoints google;
  private final JsonMapper json;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  GoogleOAuthClient(GoogleEndpoints google, JsonMapper json) {
    this.google = google;
    this.json = json;
  }

  /** Exchanges a refresh token; an {@code invalid_grant} answer is a result, not an exception. */
  RefreshResponse refresh(String refreshToken) throws IOException, InterruptedException {
    HttpResponse<String> response =
        post(
            google.tokenUri(),
            Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    JsonNode body = parse(response.body());
    if (response.statusCode() == 200 && body.hasNonNull("access_token")) {
      return new RefreshResponse(
          body.get("access_token").asString(),
          body.path("expires_in").asLong(3600),
          body.hasNonNull("scope") ? body.get("scope").asString() : null,
          body.hasNonNull("refresh_token") ? body.get("refresh_token").asString() : null,
          null);
    }
    String error = body.path("error").asString("http_" + response.statusCode());
    if (response.statusCode() >= 500) {
      throw new IOException("Google's token endpoint answered " + response.statusCode());
    }
    return new RefreshResponse(null, 0, null, null, error);
  }

  /**
   * Revokes a token (and with it Google's whole grant). True when Google confirmed or said the
   * token was already invalid; an IOException for 5xx and network failures, which stay pending.
   */
  boolean revoke(String token) throws IOException, InterruptedException {
    HttpResponse<String> response = post(google.revokeUri(), Map.of("token", token));
    if (response.statusCode() == 200) {
      return true;
    }
    if (response.statusCode() == 400
        && "invalid_token".equals(parse(response.body()).path("error").asString(""))) {
      return true;
    }
    throw new IOException("Google's revoke endpoint answered " + response.statusCode());
  }

  private HttpResponse<String> post(String uri, Map<String, String> form)
      throws IOException, InterruptedException {
    String body =
        form.entrySet().stream()
            .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
            .collect(Collectors.joining("&"));
    String credentials =
        Base64.getEncoder()
            .encodeToString(
                (encode(google.clientId()) + ":" + encode(google.clientSecret()))
                    .getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(uri))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Authorization", "Basic " + credentials)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode parse(String body) {
    try {
      return json.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (RuntimeException e) {
      return json.createObjectNode();
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A refresh answer: a new access token, or the OAuth error code Google gave. */
  record RefreshResponse(
      @Nullable String accessToken,
      long expiresIn,
      @Nullable String scope,
      @Nullable String refreshToken,
      @Nullable String error) {
    @Override
    public String toString() {
      return "RefreshResponse[error=" + error + "]";
    }
  }
}
