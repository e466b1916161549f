package theo.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
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

  @Test
  void validAccessTokenWhenManyThreadsNeedRefreshThenGoogleIsAskedOnce() throws Exception {
    UUID userId = connectedUser();
    String before = accounts.validAccessToken(userId).value();
    expireStoredToken(userId);
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
  void validAccessTokenWhenRefreshAnswerHasNoRefreshTokenThenKeepsTheStoredOne() {
    UUID userId = connectedUser();
    expireStoredToken(userId);
    accounts.validAccessToken(userId);
    assertThat(accounts.find(userId).orElseThrow().hasRefreshToken()).isTrue();

    expireStoredToken(userId);
    long refreshes = emulator.stats().get("refreshes");
    assertThat(accounts.validAccessToken(userId).value()).isNotBlank();
    assertThat(emulator.stats().get("refreshes")).isEqualTo(refreshes + 1);
  }

  @Test
  void validAccessTokenWhenGoogleAnswersInvalidGrantThenReconnectRequiredUntilConnectedAgain() {
    String email = newAccount();
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);
    browser.connect("gmail", email, Set.of());
    UUID userId = userIdOf(email);
    GoogleBrowser.Response revoked =
        browser.rawPost(emulator.baseUrl() + "/emulator/accounts/" + email + "/revoke");
    assertThat(revoked.status()).isEqualTo(200);
    expireStoredToken(userId);

    assertThatThrownBy(() -> accounts.validAccessToken(userId))
        .isInstanceOfSatisfying(
            AuthException.class, e -> assertThat(e.code()).isEqualTo("RECONNECT_REQUIRED"));

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
    String email = newAccount();
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);
    browser.connect("calendar", email, Set.of());
    return userIdOf(email);
  }

  private void expireStoredToken(UUID userId) {
    jdbc.sql("update google_accounts set access_token_expires_at = :soon where user_id = :userId")
        .param("soon", java.sql.Timestamp.from(Instant.now().plusSeconds(5)))
        .param("userId", userId)
        .update();
  }

  private UUID userIdOf(String email) {
    return jdbc.sql("select id from users where email = :email")
        .param("email", email)
        .query(UUID.class)
        .single();
  }

  private String newAccount() {
    String email = "refresh-" + UUID.randomUUID() + "@example.com";
    emulator.accounts().create(email, "Refresh Test");
    return email;
  }
}
