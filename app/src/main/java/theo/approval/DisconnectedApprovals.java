package theo.approval;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import theo.integration.IntegrationDisconnected;

/**
 * Cancels an integration's pending approvals when it is disconnected, so none is left waiting for
 * an approval that could no longer be carried out.
 */
@Component
record DisconnectedApprovals(Approvals approvals) {
  @EventListener
  void on(IntegrationDisconnected disconnected) {
    approvals.cancelPending(disconnected.userId(), disconnected.integration());
  }
}
