package theo.auth;

import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.http.UrlEncodedContent;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import theo.google.GoogleApis;
import theo.platform.GoogleEndpoints;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two OAuth calls Theo makes outside sign-in: refresh a token and revoke a grant, through the
 * Google module (its transport, timeouts and failure classes). Tokens travel only in request
 * bodies.
 */
@Component
record GoogleOAuthClient(GoogleEndpoints endpoints, GoogleApis google, JsonMapper json) {
  /**
   * Exchanges a refresh token under the retry policy; an OAuth error answer ({@code invalid_grant})
   * is a result, not an exception.
   *
   * @throws theo.google.GoogleException when Google could not be reached or kept failing
   */
  RefreshResponse refresh(String refreshToken) {
    return google.call(
        GoogleApis.ACCOUNTS,
        "token.refresh",
        () -> {
          Answer answer =
              post(
                  endpoints.tokenUri(),
                  Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
          JsonNode body = answer.body();
          if (answer.status() == 200 && body.hasNonNull("access_token")) {
            return new RefreshResponse(
                body.get("access_token").asString(),
                body.path("expires_in").asLong(3600),
                body.hasNonNull("scope") ? body.get("scope").asString() : null,
                body.hasNonNull("refresh_token") ? body.get("refresh_token").asString() : null,
                null);
          }
          return new RefreshResponse(
              null, 0, null, null, body.path("error").asString("http_" + answer.status()));
        });
  }

  /**
   * Revokes a token (and with it Google's whole grant), once: a revocation that fails stays pending
   * and a background job tries again. True when Google confirmed or said the token was already
   * invalid.
   *
   * @throws theo.google.GoogleException for 5xx and network failures
   */
  boolean revoke(String token) {
    return google.callOnce(
        GoogleApis.ACCOUNTS,
        "token.revoke",
        () -> {
          Answer answer = post(endpoints.revokeUri(), Map.of("token", token));
          if (answer.status() == 200) {
            return true;
          }
          if (answer.status() == 400
              && "invalid_token".equals(answer.body().path("error").asString(""))) {
            return true;
          }
          throw new HttpResponseException.Builder(answer.status(), null, answer.headers()).build();
        });
  }

  /** Posts a form; 429 and 5xx answers are thrown (classified by the caller), others returned. */
  private Answer post(String uri, Map<String, String> form) throws IOException {
    HttpRequest request =
        google
            .transport()
            .createRequestFactory(google.anonymous())
            .buildPostRequest(new GenericUrl(uri), new UrlEncodedContent(form));
    request.setFollowRedirects(false);
    request.setThrowExceptionOnExecuteError(false);
    request.getHeaders().setAuthorization("Basic " + clientCredentials());
    HttpResponse response = request.execute();
    try {
      int status = response.getStatusCode();
      if (status == 429 || status >= 500) {
        throw new HttpResponseException.Builder(status, null, response.getHeaders()).build();
      }
      return new Answer(status, parse(response.parseAsString()), response.getHeaders());
    } finally {
      response.disconnect();
    }
  }

  /** RFC 6749 §2.3.1: id and secret form-encoded, then joined and base64-encoded. */
  private String clientCredentials() {
    return Base64.getEncoder()
        .encodeToString(
            (encode(endpoints.clientId()) + ":" + encode(endpoints.clientSecret()))
                .getBytes(StandardCharsets.UTF_8));
  }

  private JsonNode parse(@Nullable String body) {
    try {
      return json.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (RuntimeException e) {
      return json.createObjectNode();
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private record Answer(
      int status, JsonNode body, com.google.api.client.http.HttpHeaders headers) {}

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
