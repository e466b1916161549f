package theo.approval;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * {@code theo.approvals} counts each step of an approval's life (requested, approved, rejected,
 * cancelled, expired, executed, failed) by integration and action type, once the step is committed.
 */
@Component
class ApprovalMetrics {
  static final String METRIC = "theo.approvals";

  private final MeterRegistry meters;

  ApprovalMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(ApprovalStepped stepped) {
    meters
        .counter(
            METRIC,
            "step",
            stepped.step().word(),
            "integration",
            stepped.integration(),
            "action",
            stepped.actionType())
        .increment();
  }
}
