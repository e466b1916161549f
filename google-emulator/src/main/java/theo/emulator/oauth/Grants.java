package theo.emulator.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import theo.emulator.Account;
import theo.emulator.http.ApiException;
import theo.emulator.http.GoogleErrors;

/**
 * Everything the OAuth surface remembers: pending authorization requests, codes, and per account
 * and client the granted scopes with their access and refresh tokens. One lock guards it all; the
 * emulator's load never makes that a bottleneck, and it keeps revocation trivially atomic.
 */
final class Grants {
  static final Duration CODE_LIFETIME = Duration.ofSeconds(60);
  private static final Duration PENDING_LIFETIME = Duration.ofMinutes(30);

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<Key, Grant> grants = new HashMap<>();
  private final Map<String, AccessToken> accessTokens = new HashMap<>();
  private final Map<String, RefreshToken> refreshTokens = new HashMap<>();
  private final Map<String, Code> codes = new HashMap<>();
  private final Map<String, Pending> pending = new HashMap<>();
  private final Map<String, Account> sessions = new HashMap<>();
  private Duration accessTokenTtl = Duration.ofSeconds(3599);

  Grants(Clock clock) {
    this.clock = clock;
  }

  synchronized Duration accessTokenTtl() {
    return accessTokenTtl;
  }

  synchronized void accessTokenTtl(Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("accessTokenTtlSeconds must be positive");
    }
    this.accessTokenTtl = ttl;
  }

  // ---- authorization requests and sessions ----

  synchronized String hold(AuthorizationRequest request) {
    Instant now = clock.instant();
    pending.values().removeIf(p -> p.createdAt().plus(PENDING_LIFETIME).isBefore(now));
    String id = randomToken("", 24);
    pending.put(id, new Pending(request, null, now));
    return id;
  }

  synchronized Optional<Pending> pending(String id) {
    return Optional.ofNullable(id == null ? null : pending.get(id));
  }

  synchronized void chooseAccount(String id, Account account) {
    pending.computeIfPresent(id, (key, p) -> new Pending(p.request(), account, p.createdAt()));
  }

  synchronized Optional<Pending> release(String id) {
    return Optional.ofNullable(id == null ? null : pending.remove(id));
  }

  synchronized String openSession(Account account) {
    String id = randomToken("", 24);
    sessions.put(id, account);
    return id;
  }

  synchronized Optional<Account> session(String id) {
    return Optional.ofNullable(id == null ? null : sessions.get(id));
  }

  // ---- consent ----

  /** Whether every scope is already granted to this client by this account. */
  synchronized boolean covers(Account account, String clientId, List<String> scopes) {
    Grant grant = grants.get(new Key(account.sub(), clientId));
    return grant != null && grant.scopes.containsAll(scopes);
  }

  synchronized Set<String> granted(Account account, String clientId) {
    Grant grant = grants.get(new Key(account.sub(), clientId));
    return grant == null ? Set.of() : Set.copyOf(grant.scopes);
  }

  /** Records what the person allowed; returns the scopes the code will carry. */
  synchronized Set<String> consent(
      AuthorizationRequest request, Account account, Set<String> ticked) {
    Grant grant =
        grants.computeIfAbsent(new Key(account.sub(), request.clientId()), k -> new Grant());
    Set<String> earlier = new LinkedHashSet<>(grant.scopes);
    grant.scopes.addAll(ticked);
    grant.revoked = false;
    Set<String> scopes = new LinkedHashSet<>(ticked);
    if (request.includeGrantedScopes()) {
      scopes.addAll(earlier);
    }
    return scopes;
  }

  synchronized String issueCode(AuthorizationRequest request, Account account, Set<String> scopes) {
    Instant now = clock.instant();
    codes.values().removeIf(c -> c.expiresAt().plus(Duration.ofMinutes(10)).isBefore(now));
    String code = randomToken("4/0", 32);
    codes.put(code, new Code(request, account, Set.copyOf(scopes), now.plus(CODE_LIFETIME)));
    return code;
  }

  // ---- tokens ----

  /**
   * Redeems a code. A replayed code is refused and, as Google does, the tokens it produced are
   * revoked.
   */
  synchronized Issued exchange(
      String codeValue, String clientId, String redirectUri, String codeVerifier) {
    Code code = codes.get(codeValue);
    if (code == null) {
      throw invalidGrant("Malformed auth code.");
    }
    if (code.redeemed) {
      code.issuedTokens.forEach(
          token -> {
            accessTokens.remove(token);
            refreshTokens.remove(token);
          });
      throw invalidGrant("Bad Request");
    }
    if (!clock.instant().isBefore(code.expiresAt())) {
      throw invalidGrant("Bad Request");
    }
    AuthorizationRequest request = code.request();
    if (!request.clientId().equals(clientId)) {
      throw GoogleErrors.oauthException(400, "invalid_grant", "Unauthorized");
    }
    if (!request.redirectUri().equals(redirectUri)) {
      throw invalidGrant("Bad Request");
    }
    checkVerifier(request, codeVerifier);
    code.redeemed = true;

    Grant grant = grants.computeIfAbsent(new Key(code.account().sub(), clientId), k -> new Grant());
    AccessToken access = newAccessToken(code.account(), clientId, code.scopes(), request.offline());
    code.issuedTokens.add(access.value());
    RefreshToken refresh = null;
    if (request.offline() && (!grant.refreshIssued || request.promptsFor("consent"))) {
      refresh = new RefreshToken(randomToken("1//0", 48), code.account(), clientId, code.scopes());
      refreshTokens.put(refresh.value(), refresh);
      grant.refreshIssued = true;
      code.issuedTokens.add(refresh.value());
    }
    return new Issued(access, refresh, request.nonce());
  }

  synchronized Issued refresh(String refreshValue, String clientId) {
    RefreshToken refresh = refreshTokens.get(refreshValue);
    if (refresh == null) {
      throw invalidGrant("Token has been expired or revoked.");
    }
    if (!refresh.clientId().equals(clientId)) {
      throw GoogleErrors.oauthException(400, "unauthorized_client", "Unauthorized");
    }
    AccessToken access = newAccessToken(refresh.account(), clientId, refresh.scopes(), true);
    return new Issued(access, null, null);
  }

  /** A live (known, unexpired, unrevoked) access token. */
  synchronized Optional<AccessToken> liveAccessToken(String value) {
    AccessToken token = value == null ? null : accessTokens.get(value);
    return token != null && clock.instant().isBefore(token.expiresAt())
        ? Optional.of(token)
        : Optional.empty();
  }

  /** Revokes the whole grant behind an access or refresh token; false when the token is unknown. */
  synchronized boolean revoke(String value) {
    Key key;
    if (accessTokens.containsKey(value)) {
      AccessToken token = accessTokens.get(value);
      key = new Key(token.account().sub(), token.clientId());
    } else if (refreshTokens.containsKey(value)) {
      RefreshToken token = refreshTokens.get(value);
      key = new Key(token.account().sub(), token.clientId());
    } else {
      return false;
    }
    revoke(key);
    return true;
  }

  /** Revokes every grant of the account; returns the client ids that lost access. */
  synchronized List<String> revokeAll(Account account) {
    List<String> clients = new ArrayList<>();
    for (Map.Entry<Key, Grant> entry : grants.entrySet()) {
      if (entry.getKey().sub().equals(account.sub()) && !entry.getValue().revoked) {
        clients.add(entry.getKey().clientId());
      }
    }
    clients.forEach(clientId -> revoke(new Key(account.sub(), clientId)));
    return clients;
  }

  /** Makes every access token of the account expire now; returns how many were live. */
  synchronized int expireAccessTokens(Account account) {
    Instant now = clock.instant();
    int expired = 0;
    for (Map.Entry<String, AccessToken> entry : accessTokens.entrySet()) {
      AccessToken token = entry.getValue();
      if (token.account().sub().equals(account.sub()) && now.isBefore(token.expiresAt())) {
        entry.setValue(token.expiringAt(now));
        expired++;
      }
    }
    return expired;
  }

  /** Per client: granted scopes, live token counts and the revoked flag, never token values. */
  synchronized List<Map<String, Object>> describe(Account account) {
    Instant now = clock.instant();
    List<Map<String, Object>> result = new ArrayList<>();
    grants.forEach(
        (key, grant) -> {
          if (!key.sub().equals(account.sub())) {
            return;
          }
          Map<String, Object> json = new LinkedHashMap<>();
          json.put("clientId", key.clientId());
          json.put("scopes", List.copyOf(grant.scopes));
          json.put(
              "accessTokens",
              accessTokens.values().stream()
                  .filter(t -> t.belongsTo(key) && now.isBefore(t.expiresAt()))
                  .count());
          json.put(
              "refreshTokens",
              refreshTokens.values().stream().filter(t -> t.belongsTo(key)).count());
          json.put("revoked", grant.revoked);
          result.add(json);
        });
    result.sort((a, b) -> ((String) a.get("clientId")).compareTo((String) b.get("clientId")));
    return result;
  }

  private void revoke(Key key) {
    accessTokens.values().removeIf(token -> token.belongsTo(key));
    refreshTokens.values().removeIf(token -> token.belongsTo(key));
    Grant grant = grants.get(key);
    if (grant != null) {
      grant.scopes.clear();
      grant.refreshIssued = false;
      grant.revoked = true;
    }
  }

  private AccessToken newAccessToken(
      Account account, String clientId, Set<String> scopes, boolean offline) {
    Instant now = clock.instant();
    // Forget tokens that expired long ago so a long-running emulator does not grow without bound.
    accessTokens.values().removeIf(t -> t.expiresAt().plus(Duration.ofHours(1)).isBefore(now));
    AccessToken token =
        new AccessToken(
            randomToken("ya29.", 48),
            account,
            clientId,
            Set.copyOf(scopes),
            now.plus(accessTokenTtl),
            offline);
    accessTokens.put(token.value(), token);
    return token;
  }

  private static void checkVerifier(AuthorizationRequest request, String verifier) {
    String challenge = request.codeChallenge();
    if (challenge == null) {
      if (verifier != null) {
        throw invalidGrant("code_verifier or verifier is not needed.");
      }
      return;
    }
    if (verifier == null) {
      throw invalidGrant("Missing code verifier.");
    }
    String expected = "S256".equals(request.codeChallengeMethod()) ? s256(verifier) : verifier;
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        challenge.getBytes(StandardCharsets.US_ASCII))) {
      throw invalidGrant("Invalid code verifier.");
    }
  }

  static String s256(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ApiException invalidGrant(String description) {
    return GoogleErrors.oauthException(400, "invalid_grant", description);
  }

  private String randomToken(String prefix, int bytes) {
    byte[] buffer = new byte[bytes];
    random.nextBytes(buffer);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
  }

  /** A held authorization request and, once chosen, its account. */
  record Pending(AuthorizationRequest request, Account account, Instant createdAt) {}

  /** What a token request produced; {@code refresh} and {@code nonce} may be null. */
  record Issued(AccessToken access, RefreshToken refresh, String nonce) {}

  record AccessToken(
      String value,
      Account account,
      String clientId,
      Set<String> scopes,
      Instant expiresAt,
      boolean offline) {
    boolean belongsTo(Key key) {
      return account.sub().equals(key.sub()) && clientId.equals(key.clientId());
    }

    AccessToken expiringAt(Instant instant) {
      return new AccessToken(value, account, clientId, scopes, instant, offline);
    }
  }

  record RefreshToken(String value, Account account, String clientId, Set<String> scopes) {
    boolean belongsTo(Key key) {
      return account.sub().equals(key.sub()) && clientId.equals(key.clientId());
    }
  }

  private record Key(String sub, String clientId) {}

  private static final class Grant {
    private final Set<String> scopes = new TreeSet<>();
    private boolean refreshIssued;
    private boolean revoked;
  }

  private static final class Code {
    private final AuthorizationRequest request;
    private final Account account;
    private final Set<String> scopes;
    private final Instant expiresAt;
    private final List<String> issuedTokens = new ArrayList<>();
    private boolean redeemed;

    Code(AuthorizationRequest request, Account account, Set<String> scopes, Instant expiresAt) {
      this.request = request;
      this.account = account;
      this.scopes = scopes;
      this.expiresAt = expiresAt;
    }

    AuthorizationRequest request() {
      return request;
    }

    Account account() {
      return account;
    }

    Set<String> scopes() {
      return scopes;
    }

    Instant expiresAt() {
      return expiresAt;
    }
  }
}
