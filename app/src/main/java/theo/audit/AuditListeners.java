package theo.audit;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import theo.approval.ApprovalStepped;
import theo.audit.AuditEntry.Outcome;
import theo.auth.GoogleAccessRevoked;
import theo.auth.GoogleTokenRefreshFailed;
import theo.auth.IntegrationAuthorizationFailed;
import theo.auth.IntegrationAuthorized;
import theo.integration.IntegrationConnectStarted;
import theo.integration.IntegrationDisconnected;
import theo.integration.SyncRunFinished;

/**
 * Turns the other modules' events into audit entries. Synchronous on purpose: the entry is written
 * with the step (in its transaction when there is one), and {@link AuditLog#append} never throws.
 */
@Component
record AuditListeners(AuditLog log) {
  @EventListener
  void on(IntegrationConnectStarted event) {
    log.append(
        event.userId(),
        "integration.connect.started",
        event.integration(),
        Outcome.INFO,
        event.forced() ? "Re-consent requested" : "Sent to Google for consent");
  }

  @EventListener
  void on(IntegrationAuthorized event) {
    log.append(
        event.userId(),
        "integration.connect.completed",
        event.integration(),
        Outcome.SUCCESS,
        event.missingScopes().isEmpty()
            ? "All permissions granted"
            : "Connected with limited access; not granted: "
                + String.join(", ", event.missingScopes()));
  }

  @EventListener
  void on(IntegrationAuthorizationFailed event) {
    if (event.userId() != null) {
      log.append(
          event.userId(),
          "integration.connect.failed",
          event.integration(),
          Outcome.FAILURE,
          event.reason());
    }
  }

  @EventListener
  void on(IntegrationDisconnected event) {
    String detail;
    if (event.revokedAtGoogle()) {
      detail = "Data deleted; Google access revoked";
    } else if (event.revokePending()) {
      detail = "Data deleted; revocation at Google pending";
    } else if (!event.keptFor().isEmpty()) {
      detail = "Data deleted; Google grant kept for " + String.join(", ", event.keptFor());
    } else {
      detail = "Data deleted";
    }
    log.append(
        event.userId(), "integration.disconnected", event.integration(), Outcome.SUCCESS, detail);
  }

  @EventListener
  void on(GoogleAccessRevoked event) {
    log.append(
        event.userId(),
        event.revoked() ? "google.access.revoked" : "google.access.revoke_pending",
        null,
        event.revoked() ? Outcome.SUCCESS : Outcome.FAILURE,
        event.detail());
  }

  @EventListener
  void on(GoogleTokenRefreshFailed event) {
    log.append(
        event.userId(),
        "google.token.refresh_failed",
        null,
        Outcome.FAILURE,
        event.reconnectRequired()
            ? "Google refused the grant; reconnect required, syncs paused"
            : event.reason());
  }

  /** Scheduled runs that succeed are routine (every few minutes); everything else is kept. */
  @EventListener
  void on(SyncRunFinished event) {
    if ("succeeded".equals(event.outcome()) && "schedule".equals(event.trigger())) {
      return;
    }
    Outcome outcome =
        switch (event.outcome()) {
          case "succeeded" -> Outcome.SUCCESS;
          case "failed" -> Outcome.FAILURE;
          default -> Outcome.INFO;
        };
    log.append(
        event.userId(),
        "integration.sync." + event.outcome(),
        event.integration(),
        outcome,
        event.error() != null
            ? event.error()
            : event.processed() + " items processed (" + event.trigger() + ")");
  }

  /** {@code approval.<step>} with the action's summary and, when given, the note or error. */
  @EventListener
  void on(ApprovalStepped event) {
    Outcome outcome =
        switch (event.step()) {
          case EXECUTED -> Outcome.SUCCESS;
          case FAILED -> Outcome.FAILURE;
          default -> Outcome.INFO;
        };
    String detail = event.detail();
    log.append(
        event.userId(),
        "approval." + event.step().word(),
        event.integration(),
        outcome,
        detail == null || detail.isBlank() ? event.summary() : event.summary() + " — " + detail);
  }
}
