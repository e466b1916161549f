package theo.emulator.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static theo.emulator.oauth.Browser.REDIRECT_URI;
import static theo.emulator.oauth.Browser.json;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import theo.emulator.EmulatorOptions;
import theo.emulator.GoogleEmulator;

/** Expiry on the emulator's clock, and many clients at once. */
class OAuthTimeAndLoadTests {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-01-05T10:00:00Z"));
  private GoogleEmulator emulator;

  @AfterEach
  void stop() {
    if (emulator != null) {
      emulator.close();
    }
  }

  private static Map<String, String> codeExchange(String code) {
    return Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI);
  }

  @Test
  void tokenWhenCodeOlderThanSixtySecondsThenInvalidGrant() {
    emulator = GoogleEmulator.start(EmulatorOptions.defaults().withClock(clock));
    Browser browser = new Browser(emulator.baseUrl());
    String fresh =
        browser.authorize(OAuthSurfaceTests.request("openid"), "alice@example.com").get("code");
    String stale =
        browser.authorize(OAuthSurfaceTests.request("openid"), "alice@example.com").get("code");

    assertThat(browser.token(codeExchange(fresh)).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(60));
    HttpResponse<String> late = browser.token(codeExchange(stale));

    assertThat(late.statusCode()).isEqualTo(400);
    assertThat(json(late)).containsEntry("error", "invalid_grant");
  }

  @Test
  void accessTokenWhenLifetimePassedThenRefusedAndRefreshGivesANewOne() {
    emulator = GoogleEmulator.start(EmulatorOptions.defaults().withClock(clock));
    Browser browser = new Browser(emulator.baseUrl());
    Map<String, Object> tokens =
        json(
            browser.token(
                codeExchange(
                    browser
                        .authorize(OAuthSurfaceTests.offline("openid email"), "alice@example.com")
                        .get("code"))));
    String access = (String) tokens.get("access_token");

    clock.advance(Duration.ofSeconds(3598));
    assertThat(browser.get("/oauth2/v3/userinfo", access).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    assertThat(browser.get("/oauth2/v3/userinfo", access).statusCode()).isEqualTo(401);
    assertThat(browser.get("/tokeninfo?id_token=" + tokens.get("id_token"), null).statusCode())
        .isEqualTo(200);
    clock.advance(Duration.ofHours(1));
    assertThat(browser.get("/tokeninfo?id_token=" + tokens.get("id_token"), null).statusCode())
        .isEqualTo(400);

    Map<String, Object> refreshed =
        json(
            browser.token(
                Map.of(
                    "grant_type",
                    "refresh_token",
                    "refresh_token",
                    (String) tokens.get("refresh_token"))));
    assertThat(
            browser.get("/oauth2/v3/userinfo", (String) refreshed.get("access_token")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void flowsWhenManyClientsAtOnceThenEveryOneSucceedsAndCountersAddUp() throws Exception {
    emulator = GoogleEmulator.start(EmulatorOptions.defaults());
    int threads = 8;
    int flowsPerThread = 15;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long started = System.nanoTime();
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String email = t % 2 == 0 ? "alice@example.com" : "bob@example.com";
        results.add(
            pool.submit(
                () -> {
                  Browser browser = new Browser(emulator.baseUrl());
                  int ok = 0;
                  for (int i = 0; i < flowsPerThread; i++) {
                    Map<String, String> parameters = OAuthSurfaceTests.offline("openid email");
                    parameters.put("prompt", "consent");
                    Map<String, Object> tokens =
                        json(
                            browser.token(
                                codeExchange(browser.authorize(parameters, email).get("code"))));
                    HttpResponse<String> refreshed =
                        browser.token(
                            Map.of(
                                "grant_type",
                                "refresh_token",
                                "refresh_token",
                                (String) tokens.get("refresh_token")));
                    if (refreshed.statusCode() == 200
                        && browser
                                .get(
                                    "/oauth2/v3/userinfo",
                                    (String) json(refreshed).get("access_token"))
                                .statusCode()
                            == 200) {
                      ok++;
                    }
                  }
                  return ok;
                }));
      }
      int succeeded = 0;
      for (Future<Integer> result : results) {
        succeeded += result.get();
      }
      long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
      System.out.printf(
          "%d concurrent OAuth flows (authorize+exchange+refresh+userinfo) in %d ms%n",
          threads * flowsPerThread, millis);

      assertThat(succeeded).isEqualTo(threads * flowsPerThread);
      assertThat(emulator.stats().get("tokenExchanges")).isEqualTo(threads * flowsPerThread);
      assertThat(emulator.stats().get("refreshes")).isEqualTo(threads * flowsPerThread);
      assertThat(emulator.stats().get("tokenErrors")).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  /** A clock the test moves by hand. */
  static final class SettableClock extends Clock {
    private volatile Instant now;

    SettableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
