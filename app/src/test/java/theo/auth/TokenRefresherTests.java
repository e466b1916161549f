package theo.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import theo.GoogleBrowser;
import theo.TestAccounts;
import theo.TheoTest;
import theo.emulator.GoogleEmulator;
import tools.jackson.databind.JsonNode;

/**
 * Token refresh against the emulator: once under contention, old refresh token kept, invalid_grant.
 */
@TheoTest
class TokenRefresherTests {
  @LocalServerPort int port;
  @Autowired GoogleAccounts accounts;
  @Autowired GoogleEmulator emulator;
  @Autowired JdbcClient jdbc;

  private TestAccounts accounts() {
    return new TestAccounts(emulator, jdbc);
  }

  @Test
  void validAccessTokenWhenManyThreadsNeedRefreshThenGoogleIsAskedOnce() throws Exception {
    UUID userId = connectedUser();
    String before = accounts.validAccessToken(userId).value();
    accounts().expireAccessToken(userId);
    long refreshes = emulator.stats().get("refreshes");

    ExecutorService pool = Executors.newFixedThreadPool(20);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> tokens = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      tokens.add(
          pool.submit(
              () -> {
                start.await();
                return accounts.validAccessToken(userId).value();
              }));
    }
    start.countDown();
    Set<String> seen = new HashSet<>();
    for (Future<String> token : tokens) {
      seen.add(token.get(30, TimeUnit.SECONDS));
    }
    pool.shutdown();

    assertThat(emulator.stats().get("refreshes")).isEqualTo(refreshes + 1);
    assertThat(seen).hasSize(1).doesNotContain(before);
  }

  @Test
  void refreshRejectedWhenManyCallersSawTheSameRefusalThenGoogleIsAskedOnce() throws Exception {
    UUID userId = connectedUser();
    String refused = accounts.validAccessToken(userId).value();
    long refreshes = emulator.stats().get("refreshes");

    ExecutorService pool = Executors.newFixedThreadPool(10);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> tokens = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      tokens.add(
          pool.submit(
              () -> {
                start.await();
                return accounts.refreshRejected(userId, refused);
              }));
    }
    start.countDown();
    Set<String> seen = new HashSet<>();
    for (Future<String> token : tokens) {
      seen.add(token.get(30, TimeUnit.SECONDS));
    }
    pool.shutdown();

    // the stored token was still valid locally: only Google's refusal made it stale
    assertThat(emulator.stats().get("refreshes")).isEqualTo(refreshes + 1);
    assertThat(seen).hasSize(1).doesNotContain(refused);
  }

  @Test
  void validAccessTokenWhenRefreshAnswerHasNoRefreshTokenThenKeepsTheStoredOne() {
    UUID userId = connectedUser();
    accounts().expireAccessToken(userId);
    accounts.validAccessToken(userId);
    assertThat(accounts.find(userId).orElseThrow().hasRefreshToken()).isTrue();

    accounts().expireAccessToken(userId);
    long refreshes = emulator.stats().get("refreshes");
    assertThat(accounts.validAccessToken(userId).value()).isNotBlank();
    assertThat(emulator.stats().get("refreshes")).isEqualTo(refreshes + 1);
  }

  @Test
  void validAccessTokenWhenGoogleAnswersInvalidGrantThenReconnectRequiredUntilConnectedAgain() {
    String email = accounts().create("refresh");
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);
    browser.connect("gmail", email, Set.of());
    UUID userId = accounts().userIdOf(email);
    GoogleBrowser.Response revoked =
        browser.rawPost(emulator.baseUrl() + "/emulator/accounts/" + email + "/revoke");
    assertThat(revoked.status()).isEqualTo(200);
    accounts().expireAccessToken(userId);

    assertThatThrownBy(() -> accounts.validAccessToken(userId))
        .isInstanceOfSatisfying(
            theo.google.GoogleAuthException.class,
            e -> assertThat(e.code()).isEqualTo("RECONNECT_REQUIRED"));

    JsonNode status = browser.get("/api/integrations/status").json();
    assertThat(status.path("google").path("reconnectRequired").asBoolean()).isTrue();
    assertThat(status.path("integrations").path("gmail").path("reconnectRequired").asBoolean())
        .isTrue();
    assertThat(status.path("integrations").path("gmail").path("connected").asBoolean()).isFalse();
    JsonNode audit = browser.get("/api/audit").json().get("items");
    assertThat(audit.toString()).contains("google.token.refresh_failed");

    browser.connect("gmail", email, Set.of());
    assertThat(accounts.find(userId).orElseThrow().reconnectRequired()).isFalse();
    assertThat(accounts.validAccessToken(userId).value()).isNotBlank();
  }

  private UUID connectedUser() {
    String email = accounts().create("refresh");
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);
    browser.connect("calendar", email, Set.of());
    return accounts().userIdOf(email);
  }
}
