package theo.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import theo.GoogleBrowser;
import theo.TestAccounts;
import theo.TheoTest;
import theo.auth.IntegrationScopes;
import theo.auth.ScopeUpgrade;
import theo.auth.Scopes;
import theo.emulator.Faults;
import theo.emulator.GoogleEmulator;
import theo.integration.spi.Integration;
import theo.ratelimit.RateLimits;
import tools.jackson.databind.JsonNode;

/**
 * The spec's "Checklist for New Integrations", run against EVERY registered integration: a new
 * integration that plugs into the SPI is held to the same pattern without a new test.
 */
@TheoTest
class IntegrationConformanceTests {
  private static final AtomicInteger accounts = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired Integrations integrations;
  @Autowired GoogleEmulator emulator;
  @Autowired RateLimits rateLimits;
  @Autowired ScopeUpgrade scopeUpgrade;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void clearFaults() {
    emulator.context().faults().clear();
  }

  @TestFactory
  Stream<DynamicNode> everyIntegrationFollowsThePattern() {
    assertThat(integrations.all()).extracting(Integration::id).contains("gmail", "calendar");
    return integrations.all().stream()
        .map(
            integration ->
                dynamicContainer(
                    integration.displayName(),
                    Stream.of(
                        dynamicTest(
                            "scopes come from the central registry", () -> registry(integration)),
                        dynamicTest(
                            "rate limits are registered", () -> limitsRegistered(integration)),
                        dynamicTest("signed out gets 401 JSON", () -> signedOut(integration)),
                        dynamicTest(
                            "GET connect before connecting", () -> notConnected(integration)),
                        dynamicTest(
                            "POST connect asks for Google consent",
                            () -> connectParams(integration)),
                        dynamicTest(
                            "redirectUrl must be a local path",
                            () -> redirectValidated(integration)),
                        dynamicTest("round trip connects and audits", () -> roundTrip(integration)),
                        dynamicTest(
                            "limited access names what is missing", () -> limited(integration)),
                        dynamicTest("no read scope means not connected", () -> noRead(integration)),
                        dynamicTest("cancel at Google fails cleanly", () -> cancelled(integration)),
                        dynamicTest(
                            "another Google account is refused", () -> mismatch(integration)),
                        dynamicTest(
                            "connect and disconnect are rate limited",
                            () -> rateLimited(integration)),
                        dynamicTest(
                            "disconnecting the last integration revokes",
                            () -> disconnectLast(integration)),
                        dynamicTest(
                            "POST disconnect works for forms", () -> disconnectByPost(integration)),
                        dynamicTest(
                            "other integrations keep working", () -> disconnectOne(integration)),
                        dynamicTest(
                            "failed revoke stays pending", () -> revokePending(integration)),
                        dynamicTest("sync endpoint answers", () -> syncEndpoint(integration)))));
  }

  @TestFactory
  Stream<DynamicNode> unknownIntegrationsAnswer404() {
    GoogleBrowser browser = signedIn();
    return Stream.of(
        dynamicTest(
            "GET connect", () -> assertNotFound(browser.get("/api/integrations/nothing/connect"))),
        dynamicTest(
            "POST connect",
            () -> assertNotFound(browser.post("/api/integrations/nothing/connect", "{}"))),
        dynamicTest(
            "DELETE disconnect",
            () -> assertNotFound(browser.delete("/api/integrations/nothing/disconnect"))),
        dynamicTest(
            "GET sync", () -> assertNotFound(browser.get("/api/integrations/nothing/sync"))));
  }

  private void registry(Integration integration) {
    IntegrationScopes scopes = Scopes.forIntegration(integration.id()).orElseThrow();
    assertThat(integration.scopes()).isEqualTo(scopes);
    assertThat(Scopes.all()).containsAll(scopes.required());
    assertThat(scopes.capabilities()).containsKey("canRead");
  }

  private void limitsRegistered(Integration integration) {
    assertThat(rateLimits.find(integration.id() + "Connect")).isPresent();
    assertThat(rateLimits.find(integration.id() + "ConnectStatus")).isPresent();
    if (integration.syncEngine().isPresent()) {
      assertThat(rateLimits.find(integration.id() + "Sync")).isPresent();
      assertThat(rateLimits.find(integration.id() + "SyncStatus")).isPresent();
    }
  }

  private void signedOut(Integration integration) {
    GoogleBrowser anonymous = new GoogleBrowser(port);
    String base = "/api/integrations/" + integration.id();
    for (GoogleBrowser.Response response :
        List.of(
            anonymous.get(base + "/connect"),
            anonymous.post(base + "/connect", "{}"),
            anonymous.delete(base + "/disconnect"),
            anonymous.get(base + "/sync"),
            anonymous.get("/api/integrations/status"))) {
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.json().path("error").path("code").asString())
          .isEqualTo("UNAUTHENTICATED");
    }
  }

  private void notConnected(Integration integration) {
    GoogleBrowser browser = signedIn();
    JsonNode status = browser.get("/api/integrations/" + integration.id() + "/connect").json();
    assertThat(status.get("connected").asBoolean()).isFalse();
    assertThat(status.get("hasRequiredScopes").asBoolean()).isFalse();
    assertThat(strings(status.get("missingScopes")))
        .containsExactlyInAnyOrderElementsOf(integration.scopes().required());
  }

  private void connectParams(Integration integration) {
    GoogleBrowser browser = signedIn();
    GoogleBrowser.Response response =
        browser.post("/api/integrations/" + integration.id() + "/connect", "{}");
    assertThat(response.status()).isEqualTo(200);
    JsonNode body = response.json();
    assertThat(body.get("success").asBoolean()).isTrue();
    assertThat(body.get("signInRequired").asBoolean()).isTrue();
    JsonNode params = body.get("authorizationParams");
    assertThat(Set.of(params.get("scope").asString().split(" ")))
        .containsExactlyInAnyOrderElementsOf(union(Scopes.BASE, integration.scopes().required()));
    assertThat(params.get("prompt").asString()).isEqualTo("consent");
    assertThat(params.get("access_type").asString()).isEqualTo("offline");
    assertThat(params.get("include_granted_scopes").asString()).isEqualTo("true");
    assertThat(body.get("callbackUrl").asString())
        .isEqualTo("/settings/integrations/" + integration.id());
    assertThat(body.get("authorizationUrl").asString())
        .startsWith("/oauth2/authorization/google?integration=" + integration.id());
  }

  private void redirectValidated(Integration integration) {
    GoogleBrowser browser = signedIn();
    for (String bad :
        List.of(
            "https://evil.example/x",
            "//evil.example/x",
            "/\\\\evil.example",
            "/settings/../../x")) {
      GoogleBrowser.Response response =
          browser.post(
              "/api/integrations/" + integration.id() + "/connect",
              "{\"redirectUrl\":\"" + bad + "\"}");
      assertThat(response.status()).as(bad).isEqualTo(400);
      assertThat(response.json().path("error").path("code").asString())
          .isEqualTo("INVALID_REDIRECT_URL");
    }
    GoogleBrowser.Response good =
        signedIn()
            .post(
                "/api/integrations/" + integration.id() + "/connect",
                "{\"redirectUrl\":\"/settings/integrations\"}");
    assertThat(good.json().get("callbackUrl").asString()).isEqualTo("/settings/integrations");
  }

  private void roundTrip(Integration integration) {
    String email = newAccount();
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);
    String landed = browser.connect(integration.id(), email, Set.of());
    assertThat(landed)
        .endsWith("/settings/integrations/" + integration.id() + "?connected=" + integration.id());

    JsonNode connect = browser.get("/api/integrations/" + integration.id() + "/connect").json();
    assertThat(connect.get("connected").asBoolean()).isTrue();
    assertThat(connect.get("hasRequiredScopes").asBoolean()).isTrue();
    assertThat(connect.get("missingScopes").size()).isZero();

    JsonNode status = browser.get("/api/integrations/status").json();
    JsonNode mine = status.path("integrations").path(integration.id());
    assertThat(mine.get("connected").asBoolean()).isTrue();
    assertThat(mine.get("canRead").asBoolean()).isTrue();
    assertThat(status.path("google").path("tokenHealth").path("hasRefreshToken").asBoolean())
        .isTrue();
    assertThat(strings(status.path("google").get("grantedScopes")))
        .containsAll(integration.scopes().required());

    JsonNode again =
        browser.post("/api/integrations/" + integration.id() + "/connect", "{}").json();
    assertThat(again.get("alreadyConnected").asBoolean()).isTrue();
    JsonNode forced =
        browser
            .post("/api/integrations/" + integration.id() + "/connect", "{\"force\":true}")
            .json();
    assertThat(forced.get("signInRequired").asBoolean()).isTrue();

    assertThat(auditActions(browser, integration.id()))
        .contains("integration.connect.started", "integration.connect.completed");
  }

  private void limited(Integration integration) {
    String withheld = nonReadScope(integration.scopes());
    String email = newAccount();
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);
    browser.connect(integration.id(), email, Set.of(withheld));

    JsonNode connect = browser.get("/api/integrations/" + integration.id() + "/connect").json();
    assertThat(connect.get("connected").asBoolean()).isTrue();
    assertThat(connect.get("hasRequiredScopes").asBoolean()).isFalse();
    assertThat(strings(connect.get("missingScopes"))).containsExactly(withheld);
  }

  private void noRead(Integration integration) {
    String email = newAccount();
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);
    String landed = browser.connect(integration.id(), email, integration.scopes().readAnyOf());
    assertThat(landed).contains("error=read_scope_not_granted");
    assertThat(
            browser
                .get("/api/integrations/" + integration.id() + "/connect")
                .json()
                .get("connected")
                .asBoolean())
        .isFalse();
    assertThat(auditActions(browser, integration.id())).contains("integration.connect.failed");
  }

  private void cancelled(Integration integration) {
    String email = newAccount();
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);
    String landed = browser.connectAndCancel(integration.id(), email);
    assertThat(landed)
        .contains("/settings/integrations/" + integration.id())
        .contains("error=access_denied")
        .contains("integration=" + integration.id());
    assertThat(browser.get("/api/integrations/status").json().get("authenticated").asBoolean())
        .isTrue();
    assertThat(auditActions(browser, integration.id())).contains("integration.connect.failed");
  }

  private void mismatch(Integration integration) {
    String alice = newAccount();
    String mallory = newAccount();
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(alice);
    long exchanges = emulator.stats().get("tokenExchanges");
    String landed = browser.connect(integration.id(), mallory, Set.of());

    assertThat(landed).contains("error=account_mismatch");
    assertThat(emulator.stats().get("tokenExchanges")).isEqualTo(exchanges + 1);
    JsonNode status = browser.get("/api/integrations/status").json();
    assertThat(status.path("user").path("email").asString()).isEqualTo(alice);
    assertThat(status.path("integrations").path(integration.id()).get("connected").asBoolean())
        .isFalse();
    assertThat(strings(status.path("google").get("grantedScopes")))
        .doesNotContainAnyElementsOf(integration.scopes().required());
    assertThat(
            jdbc.sql("select count(*) from users where email = :email")
                .param("email", mallory)
                .query(Long.class)
                .single())
        .isZero();
  }

  private void rateLimited(Integration integration) {
    GoogleBrowser browser = signedIn();
    long limit = rateLimits.find(integration.id() + "Connect").orElseThrow().requests();
    String path = "/api/integrations/" + integration.id() + "/connect";
    for (int i = 0; i < limit; i++) {
      assertThat(browser.post(path, "{}").status()).isEqualTo(200);
    }
    GoogleBrowser.Response refused = browser.post(path, "{}");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isNotBlank();
    assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
    assertThat(refused.header("X-RateLimit-Reset")).isNotBlank();
    JsonNode error = refused.json().get("error");
    assertThat(error.get("code").asString()).isEqualTo("RATE_LIMIT_EXCEEDED");
    assertThat(error.get("retryAfterMs").asLong()).isPositive();
    assertThat(error.get("resetAt").asString()).isNotBlank();
    assertThat(browser.delete("/api/integrations/" + integration.id() + "/disconnect").status())
        .isEqualTo(429);
  }

  private void disconnectLast(Integration integration) {
    String email = newAccount();
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);
    browser.connect(integration.id(), email, Set.of());
    long revocations = emulator.stats().get("revocations");

    GoogleBrowser.Response response =
        browser.delete("/api/integrations/" + integration.id() + "/disconnect");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("success").asBoolean()).isTrue();
    assertThat(response.json().get("revokedAtGoogle").asBoolean()).isTrue();
    assertThat(emulator.stats().get("revocations")).isEqualTo(revocations + 1);
    JsonNode status = browser.get("/api/integrations/status").json();
    assertThat(status.path("integrations").path(integration.id()).get("connected").asBoolean())
        .isFalse();
    assertThat(status.path("google").path("connected").asBoolean()).isFalse();
    assertThat(new TestAccounts(emulator, jdbc).storedTokens(email)).isZero();
    assertThat(auditActions(browser, integration.id())).contains("integration.disconnected");
    assertThat(auditActions(browser, null)).contains("google.access.revoked");
  }

  private void disconnectByPost(Integration integration) {
    String email = newAccount();
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);
    browser.connect(integration.id(), email, Set.of());
    GoogleBrowser.Response response =
        browser.post("/api/integrations/" + integration.id() + "/disconnect", null);
    assertThat(response.status()).isEqualTo(200);
    assertThat(
            browser
                .get("/api/integrations/" + integration.id() + "/connect")
                .json()
                .get("connected")
                .asBoolean())
        .isFalse();
  }

  private void disconnectOne(Integration integration) {
    String email = newAccount();
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);
    for (Integration each : integrations.all()) {
      browser.connect(each.id(), email, Set.of());
    }
    long revocations = emulator.stats().get("revocations");

    JsonNode response =
        browser.delete("/api/integrations/" + integration.id() + "/disconnect").json();

    assertThat(response.get("revokedAtGoogle").asBoolean()).isFalse();
    assertThat(response.get("message").asString()).contains("Google revokes only whole grants");
    assertThat(emulator.stats().get("revocations")).isEqualTo(revocations);
    JsonNode status = browser.get("/api/integrations/status").json();
    for (Integration other : integrations.all()) {
      boolean connected = status.path("integrations").path(other.id()).get("connected").asBoolean();
      assertThat(connected).as(other.id()).isEqualTo(!other.id().equals(integration.id()));
    }
    assertThat(status.path("google").path("connected").asBoolean()).isTrue();
  }

  private void revokePending(Integration integration) {
    String email = newAccount();
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);
    browser.connect(integration.id(), email, Set.of());
    emulator
        .context()
        .faults()
        .replace(List.of(new Faults.Rule("/revoke", null, 503, 0, false, 1.0)));

    JsonNode response =
        browser.delete("/api/integrations/" + integration.id() + "/disconnect").json();

    assertThat(response.get("revokedAtGoogle").asBoolean()).isFalse();
    assertThat(response.get("revokePending").asBoolean()).isTrue();
    assertThat(response.get("message").asString()).contains("did not confirm");
    assertThat(auditActions(browser, null)).contains("google.access.revoke_pending");
    assertThat(revokePendingInStatus(browser)).isTrue();
    long revocations = emulator.stats().get("revocations");

    emulator.context().faults().clear();
    scopeUpgrade.retryPendingRevocations();

    assertThat(revokePendingInStatus(browser)).isFalse();

    assertThat(emulator.stats().get("revocations")).isEqualTo(revocations + 1);
    assertThat(new TestAccounts(emulator, jdbc).storedTokens(email)).isZero();
    assertThat(auditActions(browser, null)).contains("google.access.revoked");
  }

  private static boolean revokePendingInStatus(GoogleBrowser browser) {
    JsonNode google = browser.get("/api/integrations/status").json().get("google");
    assertThat(google.has("revokePending")).isTrue();
    return google.get("revokePending").asBoolean();
  }

  private void syncEndpoint(Integration integration) {
    GoogleBrowser browser = signedIn();
    GoogleBrowser.Response status = browser.get("/api/integrations/" + integration.id() + "/sync");
    if (integration.syncEngine().isEmpty()) {
      assertThat(status.status()).isEqualTo(404);
      return;
    }
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.json().get("status").asString()).isIn("idle", "paused");
    GoogleBrowser.Response badType =
        browser.post("/api/integrations/" + integration.id() + "/sync", "{\"type\":\"weekly\"}");
    assertThat(badType.status()).isEqualTo(400);
    GoogleBrowser.Response notConnected =
        browser.post("/api/integrations/" + integration.id() + "/sync", "{\"type\":\"full\"}");
    assertThat(notConnected.status()).isEqualTo(409);
  }

  private GoogleBrowser signedIn() {
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(newAccount());
    return browser;
  }

  private String newAccount() {
    String email =
        "conformance-" + accounts.incrementAndGet() + "-" + UUID.randomUUID() + "@example.com";
    emulator.accounts().create(email, "Conformance " + accounts.get());
    return email;
  }

  private static List<String> auditActions(GoogleBrowser browser, String integration) {
    JsonNode items = browser.get("/api/audit?limit=200").json().get("items");
    List<String> actions = new ArrayList<>();
    for (JsonNode item : items) {
      if (integration == null || integration.equals(item.path("integration").asString(null))) {
        actions.add(item.get("action").asString());
      }
      assertThat(item.toString()).doesNotContain("ya29.").doesNotContain("1//");
    }
    return actions;
  }

  /** A required scope whose absence still leaves read access (what "Limited Access" means). */
  private static String nonReadScope(IntegrationScopes scopes) {
    for (String scope : Scopes.all()) {
      if (scopes.required().contains(scope)) {
        Set<String> rest = new LinkedHashSet<>(scopes.required());
        rest.remove(scope);
        if (scopes.hasReadAccess(rest)) {
          return scope;
        }
      }
    }
    throw new IllegalStateException(scopes.integration() + " has no scope beyond reading");
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return all;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asString()));
    return values;
  }

  private static void assertNotFound(GoogleBrowser.Response response) {
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.json().path("error").path("code").asString())
        .isEqualTo("UNKNOWN_INTEGRATION");
  }
}
