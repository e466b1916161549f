package theo.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import theo.TheoTest;

/**
 * The headers every answer carries, and cookies and redirect URIs behind an HTTPS proxy (forwarded
 * headers from 127.0.0.1, one of Tomcat's default internal proxies).
 */
@TheoTest
class SecurityHeadersTests {
  @LocalServerPort int port;

  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Test
  void pageWhenRequestedThenStrictContentSecurityPolicyAndBrowserHeaders() throws Exception {
    HttpResponse<String> page = get("/", false);

    assertThat(page.statusCode()).isEqualTo(200);
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp)
        .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline")
        .doesNotContain("unsafe-eval");
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(page.headers().firstValue("Permissions-Policy").orElseThrow())
        .contains("camera=()", "geolocation=()");
    assertThat(page.body()).doesNotContainPattern("<script(?![^>]*(src=|application/json))");
  }

  @Test
  void apiWhenSignedOutThenSameHeadersOnTheJsonAnswer() throws Exception {
    HttpResponse<String> api = get("/api/integrations/status", false);

    assertThat(api.statusCode()).isEqualTo(401);
    assertThat(api.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(api.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void xsrfCookieWhenPlainHttpThenSameSiteLaxAndNotSecure() throws Exception {
    String cookie = cookie(get("/", false), "XSRF-TOKEN");

    assertThat(cookie).containsIgnoringCase("SameSite=Lax").doesNotContainIgnoringCase("Secure");
  }

  @Test
  void xsrfCookieWhenProxyForwardsHttpsThenSecureAndSameSiteLax() throws Exception {
    String cookie = cookie(get("/", true), "XSRF-TOKEN");

    assertThat(cookie).containsIgnoringCase("SameSite=Lax").containsIgnoringCase("; Secure");
  }

  @Test
  void signInWhenProxyForwardsHttpsThenRedirectUriIsHttpsAndSessionCookieSecure() throws Exception {
    HttpResponse<String> start = get("/oauth2/authorization/google", true);

    assertThat(start.statusCode()).isEqualTo(302);
    String location =
        URLDecoder.decode(
            start.headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8);
    assertThat(location).contains("redirect_uri=https://theo.example.com/login/oauth2/code/google");
    assertThat(cookie(start, "THEO_SESSION"))
        .containsIgnoringCase("; Secure")
        .containsIgnoringCase("HttpOnly")
        .containsIgnoringCase("SameSite=Lax");
  }

  @Test
  void signInWhenPlainHttpThenRedirectUriStaysHttpAndSessionCookieNotSecure() throws Exception {
    HttpResponse<String> start = get("/oauth2/authorization/google", false);

    String location =
        URLDecoder.decode(
            start.headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8);
    assertThat(location)
        .contains("redirect_uri=http://localhost:" + port + "/login/oauth2/code/google");
    assertThat(cookie(start, "THEO_SESSION"))
        .containsIgnoringCase("SameSite=Lax")
        .doesNotContainIgnoringCase("Secure");
  }

  private HttpResponse<String> get(String path, boolean behindHttpsProxy) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Accept", "text/html");
    if (behindHttpsProxy) {
      request
          .header("X-Forwarded-Proto", "https")
          .header("X-Forwarded-Host", "theo.example.com")
          .header("X-Forwarded-Port", "443")
          .header("X-Forwarded-For", "203.0.113.7");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String cookie(HttpResponse<?> response, String name) {
    List<String> cookies = response.headers().allValues("Set-Cookie");
    return cookies.stream()
        .filter(cookie -> cookie.startsWith(name + "="))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No " + name + " cookie in " + cookies));
  }
}
