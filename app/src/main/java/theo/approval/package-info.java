/**
 * Approvals: actions an integration may take at Google only after the person says yes (send an
 * email, create or change an event). Stores them, claims an approved one exactly once, expires
 * forgotten ones and publishes an event at every step; integrations plug in an {@link
 * theo.approval.ApprovalExecutor}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Approvals")
package theo.approval;
