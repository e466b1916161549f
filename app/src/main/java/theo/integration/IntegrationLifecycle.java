package theo.integration;

import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import theo.auth.IntegrationAuthorized;
import theo.auth.ScopeUpgrade;
import theo.integration.push.PushWatches;
import theo.integration.spi.Integration;
import theo.integration.spi.SyncType;
import theo.platform.RefusedException;

/**
 * What happens around a connection, the same for every integration: on connect, recurring sync on
 * and an immediate sync; on disconnect, sync stopped, data and pending approvals deleted, access
 * given up (revoked at Google when nothing else needs the grant).
 */
@Service
record IntegrationLifecycle(
    Integrations integrations,
    IntegrationSync sync,
    ScopeUpgrade scopeUpgrade,
    ApplicationEventPublisher events,
    PushWatches push) {
  private static final Logger log = LoggerFactory.getLogger(IntegrationLifecycle.class);

  void connectStarted(UUID userId, Integration integration, boolean forced) {
    events.publishEvent(new IntegrationConnectStarted(userId, integration.id(), forced));
  }

  /** Makes sure the recurring sync runs and starts an immediate one (if none is running). */
  void connected(UUID userId, Integration integration) {
    if (integration.syncEngine().isEmpty()) {
      return;
    }
    sync.ensureRecurring(userId, integration);
    try {
      sync.start(userId, integration, SyncType.AUTO, "connect");
    } catch (RefusedException e) {
      log.info("No immediate sync of {} for {}: {}", integration.id(), userId, e.getMessage());
    }
  }

  @EventListener
  void on(IntegrationAuthorized authorized) {
    integrations
        .find(authorized.integration())
        .ifPresent(integration -> connected(authorized.userId(), integration));
  }

  Disconnection disconnect(UUID userId, Integration integration) {
    boolean wasEnabled = scopeUpgrade.checkScopes(integration.scopes(), userId).enabled();
    sync.stopAll(userId, integration);
    // While the grant still works: Google stops delivering before access is given up.
    push.stopAll(userId, integration);
    integration.deleteUserData(userId);
    sync.forget(userId, integration);
    ScopeUpgrade.RevokeResult revoke = scopeUpgrade.revokeAccess(integration.scopes(), userId);
    events.publishEvent(
        new IntegrationDisconnected(
            userId,
            integration.id(),
            revoke.revokedAtGoogle(),
            revoke.revokePending(),
            revoke.stillConnected()));
    List<String> keptFor =
        revoke.stillConnected().stream()
            .map(id -> integrations.find(id).map(Integration::displayName).orElse(id))
            .toList();
    return new Disconnection(integration, wasEnabled, revoke, keptFor);
  }

  /** The outcome of a disconnect, as the endpoint reports it. */
  record Disconnection(
      Integration integration,
      boolean wasConnected,
      ScopeUpgrade.RevokeResult revoke,
      List<String> keptFor) {
    Answer answer() {
      return new Answer(true, message(), revoke.revokedAtGoogle(), revoke.revokePending());
    }

    /** The answer of DELETE /disconnect. */
    record Answer(
        boolean success, String message, boolean revokedAtGoogle, boolean revokePending) {}

    private String message() {
      String name = integration.displayName();
      if (!wasConnected && !revoke.revokedAtGoogle() && !revoke.revokePending()) {
        return name + " was not connected; nothing of it is stored.";
      }
      if (revoke.revokePending()) {
        return name
            + " disconnected and its data deleted. Google did not confirm the revocation yet;"
            + " Theo keeps retrying and will not use the access meanwhile.";
      }
      if (!keptFor.isEmpty()) {
        return name
            + " disconnected and its data deleted. Google revokes only whole grants, so access"
            + " stays granted for "
            + String.join(", ", keptFor)
            + "; Theo no longer uses "
            + name
            + "'s permissions.";
      }
      return name + " disconnected, its data deleted and Google access revoked.";
    }
  }
}
