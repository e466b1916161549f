/**
 * The append-only audit log: listens to the other modules' events (connects, disconnects, token
 * failures, sync runs, approvals) and serves a person's own entries at {@code GET /api/audit}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package theo.audit;
