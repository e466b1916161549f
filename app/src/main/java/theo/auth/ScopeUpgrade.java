package theo.auth;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import theo.google.GoogleException;
import theo.platform.NotConnectedException;

/**
 * Scope checks and upgrades per integration (the spec's {@code scope-upgrade}): what an integration
 * may do with the user's grant, switching it on after a connect flow, and giving it up on
 * disconnect, revoking at Google only when no other integration still needs the grant.
 */
@Service
public class ScopeUpgrade {
  private static final Logger log = LoggerFactory.getLogger(ScopeUpgrade.class);

  private final GoogleAccountRepository accounts;
  private final IntegrationGrants grants;
  private final TokenCipher cipher;
  private final GoogleOAuthClient google;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ScopeUpgrade(
      GoogleAccountRepository accounts,
      IntegrationGrants grants,
      TokenCipher cipher,
      GoogleOAuthClient google,
      ApplicationEventPublisher events,
      Clock clock) {
    this.accounts = accounts;
    this.grants = grants;
    this.cipher = cipher;
    this.google = google;
    this.events = events;
    this.clock = clock;
  }

  /** The integration's scope state for the user. */
  public ScopeCheck checkScopes(IntegrationScopes integration, UUID userId) {
    Optional<GoogleAccount> account = accounts.find(userId);
    Set<String> granted = account.map(GoogleAccount::grantedScopes).orElse(Set.of());
    boolean usable = account.map(GoogleAccount::connected).orElse(false);
    boolean enabled = grants.enabled(userId).contains(integration.integration());
    boolean reconnectRequired = account.map(GoogleAccount::reconnectRequired).orElse(false);
    boolean connected = enabled && usable && integration.hasReadAccess(granted);
    Set<String> missing = integration.missing(granted);
    return new ScopeCheck(
        connected,
        missing.isEmpty(),
        missing,
        enabled && usable
            ? integration.capabilitiesOf(granted)
            : integration.capabilitiesOf(Set.of()),
        enabled,
        reconnectRequired);
  }

  /** Whether the integration is switched on and its read scope granted on a usable grant. */
  public boolean isConnected(IntegrationScopes integration, UUID userId) {
    return checkScopes(integration, userId).connected();
  }

  /**
   * The integration's scope state when it is connected for the user; otherwise a {@link
   * NotConnectedException}. Every endpoint that needs a connected integration asks here.
   */
  public ScopeCheck requireConnected(IntegrationScopes integration, UUID userId) {
    ScopeCheck check = checkScopes(integration, userId);
    if (!check.connected()) {
      throw new NotConnectedException(
          "This integration is not connected; connect it on its settings page first");
    }
    return check;
  }

  /**
   * The signed-in user's id when the integration is connected for them; otherwise a {@link
   * NotConnectedException}. The integrations' own read APIs guard every endpoint with it.
   */
  public UUID requireConnected(IntegrationScopes integration, SignedInUser user) {
    requireConnected(integration, user.userId());
    return user.userId();
  }

  /** Switches the integration on after Google granted (at least) its read scope. */
  void enable(IntegrationScopes integration, UUID userId) {
    grants.setEnabled(userId, integration.integration(), true, clock.instant());
  }

  /**
   * Switches the integration off. Google revokes whole grants only, so when another integration is
   * still connected the grant stays (and this integration's scopes are simply never used again);
   * otherwise the grant is revoked at Google and the tokens are dropped. A revoke call that fails
   * stays pending and is retried by {@link #retryPendingRevocations()}.
   */
  public RevokeResult revokeAccess(IntegrationScopes integration, UUID userId) {
    grants.setEnabled(userId, integration.integration(), false, clock.instant());
    Set<String> stillConnected = new LinkedHashSet<>();
    for (String other : grants.enabled(userId)) {
      Scopes.forIntegration(other)
          .filter(scopes -> isConnected(scopes, userId))
          .ifPresent(scopes -> stillConnected.add(other));
    }
    if (!stillConnected.isEmpty()) {
      return new RevokeResult(false, false, stillConnected);
    }
    boolean revoked = revokeAtGoogle(userId);
    return new RevokeResult(revoked, !revoked, Set.of());
  }

  /** Retries revocations that failed earlier; returns how many succeeded now. */
  public int retryPendingRevocations() {
    int done = 0;
    for (UUID userId : accounts.withRevokePending()) {
      if (revokeAtGoogle(userId)) {
        done++;
      }
    }
    return done;
  }

  private boolean revokeAtGoogle(UUID userId) {
    Optional<GoogleAccountRepository.StoredTokens> tokens = accounts.tokensOf(userId);
    byte[] token =
        tokens
            .map(
                stored ->
                    stored.refreshToken() != null ? stored.refreshToken() : stored.accessToken())
            .orElse(null);
    if (token == null) {
      accounts.clearGrant(userId, clock.instant());
      return true;
    }
    try {
      google.revoke(cipher.decrypt(token));
      accounts.clearGrant(userId, clock.instant());
      events.publishEvent(
          new GoogleAccessRevoked(userId, true, false, "Google access revoked; tokens deleted"));
      return true;
    } catch (GoogleException e) {
      log.warn("Revoking the Google grant of user {} failed: {}", userId, e.code());
    }
    accounts.markRevokePending(userId, clock.instant());
    events.publishEvent(
        new GoogleAccessRevoked(
            userId, false, true, "Google did not confirm the revocation; Theo will retry"));
    return false;
  }

  /**
   * What giving up an integration's access did.
   *
   * @param revokedAtGoogle the whole grant was revoked at Google and the tokens deleted
   * @param revokePending the revoke call failed; it is retried in the background
   * @param stillConnected integrations that keep the grant (so it was not revoked)
   */
  public record RevokeResult(
      boolean revokedAtGoogle, boolean revokePending, Set<String> stillConnected) {}
}
