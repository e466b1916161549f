package theo.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.RequestOptions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Signing in with Google in a real browser, against the embedded emulator. */
class SignInTests extends BrowserTest {
  @Autowired MeterRegistry meters;

  @Test
  void signInWhenAliceAllowsThenSettingsShowHerAndStatusIsConnected() {
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();

      signIn(page, "alice@example.com");

      assertThat(page.url()).isEqualTo(base() + "/settings/integrations");
      assertThat(page.locator("#signed-in-as").textContent()).contains("alice@example.com");
      Map<?, ?> status = fetchJson(page, "/api/integrations/status");
      assertThat(status.get("status")).isEqualTo(200);
      Map<?, ?> body = (Map<?, ?>) status.get("body");
      assertThat(body.get("authenticated")).isEqualTo(true);
      assertThat(((Map<?, ?>) body.get("user")).get("email")).isEqualTo("alice@example.com");
      Map<?, ?> google = (Map<?, ?>) body.get("google");
      assertThat(google.get("connected")).isEqualTo(true);
      assertThat(google.get("reconnectRequired")).isEqualTo(false);
      assertThat(List.copyOf((List<?>) google.get("grantedScopes")).stream().map(String::valueOf))
          .containsExactlyInAnyOrder("openid", "email", "profile");
      Map<?, ?> health = (Map<?, ?>) google.get("tokenHealth");
      assertThat(health.get("isExpired")).isEqualTo(false);
      assertThat(((Number) health.get("expiresIn")).longValue()).isPositive();
      assertThat((String) health.get("expiresInHuman")).startsWith("in ");
      Map<?, ?> integrations = (Map<?, ?>) body.get("integrations");
      assertThat(integrations.keySet().stream().map(String::valueOf))
          .containsExactlyInAnyOrder("gmail", "calendar", "drive");
      assertThat(((Map<?, ?>) integrations.get("gmail")).get("connected")).isEqualTo(false);
    }
  }

  @Test
  void signOutWhenSignedInThenLandingPageAndApiSaysUnauthenticated() {
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      signIn(page, "bob@example.com");

      page.click("#sign-out");
      page.waitForURL(base() + "/");

      assertThat(page.locator("#sign-in").isVisible()).isTrue();
      Map<?, ?> status = fetchJson(page, "/api/integrations/status");
      assertThat(status.get("status")).isEqualTo(401);
      assertThat(status.get("body"))
          .isEqualTo(
              Map.of("error", Map.of("code", "UNAUTHENTICATED", "message", "Sign in first")));
      page.navigate(base() + "/settings/integrations");
      assertThat(page.url()).isEqualTo(base() + "/");
    }
  }

  @Test
  void callbackWhenStateIsWrongThenRefusedWithoutTokenRequest() {
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      page.navigate(base() + "/");
      page.click("#sign-in"); // a real pending authorization request in the session
      long exchanges = emulator.stats().get("tokenExchanges");

      double failures = signInFailures("invalid_state");

      page.navigate(base() + "/login/oauth2/code/google?code=x&state=wrong");

      assertThat(page.url()).isEqualTo(base() + "/?error=invalid_state");
      assertThat(page.locator("[role=alert]").textContent())
          .contains("did not match a sign-in started here")
          .doesNotContain("authorization_request_not_found");
      assertThat(signInFailures("invalid_state")).isEqualTo(failures + 1);
      assertThat(emulator.stats().get("tokenExchanges")).isEqualTo(exchanges);
      assertThat(fetchJson(page, "/api/integrations/status").get("status")).isEqualTo(401);
    }
  }

  @Test
  void callbackWhenReplayedAfterCompletedLoginThenRefusedWithoutTokenRequest() {
    List<String> callbacks = new CopyOnWriteArrayList<>();
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      page.onRequest(
          request -> {
            if (request.url().startsWith(base() + "/login/oauth2/code/google")) {
              callbacks.add(request.url());
            }
          });
      signIn(page, "alice@example.com");
      assertThat(callbacks).hasSize(1);
      long exchanges = emulator.stats().get("tokenExchanges");

      page.navigate(callbacks.get(0));

      assertThat(page.url()).isEqualTo(base() + "/?error=invalid_state");
      assertThat(emulator.stats().get("tokenExchanges")).isEqualTo(exchanges);
    }
    try (BrowserContext stranger = newContext()) {
      Page page = stranger.newPage();
      long exchanges = emulator.stats().get("tokenExchanges");

      page.navigate(callbacks.get(0));

      assertThat(page.url()).isEqualTo(base() + "/?error=invalid_state");
      assertThat(emulator.stats().get("tokenExchanges")).isEqualTo(exchanges);
      assertThat(fetchJson(page, "/api/integrations/status").get("status")).isEqualTo(401);
    }
  }

  @Test
  void signInWhenConsentDeniedThenWordsOnTheLandingPageAndCountedAsAccessDenied() {
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      String email = newAccount();
      page.navigate(base() + "/");
      page.click("#sign-in");
      page.waitForURL(url -> url.startsWith(emulator.baseUrl()));
      chooseAccountIfAsked(page, email);
      double failures = signInFailures("access_denied");

      page.locator("button[name=action][value=cancel]").click();

      page.waitForURL(base() + "/?error=access_denied");
      assertThat(page.locator("[role=alert]").textContent()).contains("cancelled at Google");
      assertThat(signInFailures("access_denied")).isEqualTo(failures + 1);
    }
  }

  @Test
  void signInWhenAnApiUrlWasOpenedSignedOutThenLandsOnTheSettingsPageNotJson() {
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      page.navigate(base() + "/api/integrations/status");

      signIn(page, "alice@example.com");

      assertThat(page.url()).isEqualTo(base() + "/settings/integrations");
    }
  }

  @Test
  void signInWhenAPageWasOpenedSignedOutThenLandsOnThatPage() {
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      String email = newAccount();
      page.navigate(base() + "/settings/audit");
      assertThat(page.url()).isEqualTo(base() + "/");

      page.click("#sign-in");
      page.waitForURL(url -> url.startsWith(emulator.baseUrl()));
      chooseAccountIfAsked(page, email);
      page.locator("button[name=action][value=allow]").click();

      page.waitForURL(url -> url.startsWith(base() + "/settings/audit"));
    }
  }

  @Test
  void inlineScriptWhenInjectedThenRefusedByTheContentSecurityPolicy() {
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      page.navigate(base() + "/");

      page.evaluate(
          "() => { const s = document.createElement('script');"
              + " s.textContent = 'window.injected = true'; document.body.appendChild(s); }");

      assertThat(page.evaluate("() => window.injected === true")).isEqualTo(false);
      page.waitForCondition(() -> !cspViolations.isEmpty());
      assertThat(cspViolations.get(0)).contains("script-src");
      cspViolations.clear();
    }
  }

  private double signInFailures(String reason) {
    Counter counter =
        meters.find("theo.sign-in.failures").tag("reason", reason).tag("flow", "sign-in").counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void apiErrorsWhenSignedInThenJsonWithStableCodes() {
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      signIn(page, "alice@example.com");
      String csrf =
          context.cookies().stream()
              .filter(cookie -> cookie.name.equals("XSRF-TOKEN"))
              .findFirst()
              .orElseThrow()
              .value;

      APIResponse unknown = context.request().get(base() + "/api/no-such-thing");
      APIResponse wrongMethod =
          context
              .request()
              .post(
                  base() + "/api/integrations/status",
                  RequestOptions.create().setHeader("X-XSRF-TOKEN", csrf));
      APIResponse withoutCsrf = context.request().post(base() + "/api/integrations/status");

      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.text()).contains("\"code\":\"NOT_FOUND\"");
      assertThat(wrongMethod.status()).isEqualTo(405);
      assertThat(wrongMethod.text()).contains("\"code\":\"METHOD_NOT_ALLOWED\"");
      assertThat(withoutCsrf.status()).isEqualTo(403);
    }
  }
}
