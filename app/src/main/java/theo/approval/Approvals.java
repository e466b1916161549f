package theo.approval;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import theo.approval.ApprovalStepped.Step;
import theo.auth.ScopeCheck;
import theo.auth.ScopeUpgrade;
import theo.auth.Scopes;
import theo.google.GoogleAuthException;
import theo.google.GoogleException;
import theo.platform.ConflictException;
import theo.platform.InsufficientScopeException;
import theo.platform.InvalidInputException;
import theo.platform.NotFoundException;
import theo.platform.RefusedException;

/**
 * Creates, lists and decides approvals. Approving claims the row in one conditional UPDATE, so the
 * action runs once however often approve is sent and however many instances race; the losers get
 * the current state back.
 */
@Service
public class Approvals {
  private static final Logger log = LoggerFactory.getLogger(Approvals.class);
  public static final Duration DEFAULT_EXPIRY = Duration.ofHours(24);
  static final Duration MAX_EXPIRY = Duration.ofDays(7);
  static final int MAX_PAGE = 200;
  static final Duration STUCK_AFTER = Duration.ofMinutes(15);

  private final ApprovalRepository approvals;
  private final List<ApprovalExecutor> executors;
  private final ScopeUpgrade scopeUpgrade;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  Approvals(
      ApprovalRepository approvals,
      List<ApprovalExecutor> executors,
      ScopeUpgrade scopeUpgrade,
      ApplicationEventPublisher events,
      Clock clock) {
    this.approvals = approvals;
    this.executors = List.copyOf(executors);
    this.scopeUpgrade = scopeUpgrade;
    this.events = events;
    this.clock = clock;
  }

  /**
   * What to put up for approval.
   *
   * @param expiresIn null for the default 24 hours
   * @param idempotencyKey null for a fresh one; a repeated key answers the first approval
   */
  public record Request(
      UUID userId,
      String integration,
      String actionType,
      ApprovalPayload payload,
      String summary,
      @Nullable Duration expiresIn,
      @Nullable String idempotencyKey) {}

  /** The approval and whether this call created it (false: an earlier one with the same key). */
  public record Created(Approval approval, boolean created) {}

  public Created create(Request request) {
    ApprovalExecutor executor = executor(request.integration(), request.actionType());
    requireCapability(request.userId(), executor);
    Duration expiresIn = request.expiresIn() == null ? DEFAULT_EXPIRY : request.expiresIn();
    if (expiresIn.isNegative() || expiresIn.isZero() || expiresIn.compareTo(MAX_EXPIRY) > 0) {
      throw new InvalidInputException(
          "expiresInMinutes must be between 1 and " + MAX_EXPIRY.toMinutes());
    }
    String key =
        request.idempotencyKey() == null
            ? UUID.randomUUID().toString()
            : request.userId() + ":" + request.idempotencyKey();
    Optional<Approval> existing = approvals.findByKey(request.userId(), key);
    if (existing.isPresent()) {
      return new Created(existing.get(), false);
    }
    ApprovalExecutor.Prepared prepared = executor.prepare(request.userId(), request.payload());
    Instant now = clock.instant();
    Approval approval =
        new Approval(
            UUID.randomUUID(),
            new Approval.Action(
                request.userId(),
                request.integration(),
                request.actionType(),
                request.summary(),
                key),
            prepared,
            Approval.Status.PENDING,
            new Approval.Window(now, now.plus(expiresIn)),
            Approval.Decision.NONE,
            Approval.Execution.NONE);
    if (!approvals.insert(approval)) {
      // A concurrent create with the same key won; drop what we prepared.
      discardQuietly(executor, approval);
      return new Created(approvals.findByKey(request.userId(), key).orElseThrow(), false);
    }
    events.publishEvent(ApprovalStepped.of(approval, Step.REQUESTED, null));
    return new Created(approval, true);
  }

  public Approval get(UUID userId, String integration, UUID id) {
    return approvals
        .find(userId, id)
        .filter(a -> a.integration().equals(integration))
        .orElseThrow(() -> new NotFoundException("APPROVAL_NOT_FOUND", "No such approval"));
  }

  public List<Approval> list(
      UUID userId, String integration, Approval.@Nullable Status status, int limit) {
    cancelPendingIfDisconnected(userId, integration);
    return approvals.list(userId, integration, status, Math.max(1, Math.min(limit, MAX_PAGE)));
  }

  /** How many approvals are in each status. */
  public Map<String, Long> stats(UUID userId, String integration) {
    cancelPendingIfDisconnected(userId, integration);
    return approvals.counts(userId, integration);
  }

  /**
   * Approves and executes. Only the caller whose claim succeeds calls Google; a repeated approve of
   * an executing, executed or failed approval answers it as it is.
   */
  public Approval approve(UUID userId, String integration, UUID id, @Nullable String notes) {
    Approval current = get(userId, integration, id);
    ApprovalExecutor executor = executor(integration, current.actionType());
    Optional<Approval> claimed = approvals.claim(userId, id, notes, clock.instant());
    if (claimed.isEmpty()) {
      return alreadyDecided(userId, integration, id);
    }
    Approval approval = claimed.get();
    events.publishEvent(ApprovalStepped.of(approval, Step.APPROVED, notes));
    try {
      requireCapability(userId, executor);
      ApprovalResult result = executor.execute(approval);
      Approval executed =
          approvals.finish(id, Approval.Status.EXECUTED, result, null, clock.instant());
      events.publishEvent(ApprovalStepped.of(executed, Step.EXECUTED, null));
      return executed;
    } catch (RuntimeException e) {
      boolean explained = e instanceof RefusedException || e instanceof GoogleException;
      String error = explained ? e.getMessage() : UNEXPECTED_FAILURE;
      log.warn("Approval {} failed: {}", id, explained ? error : describe(e));
      Approval failed = approvals.finish(id, Approval.Status.FAILED, null, error, clock.instant());
      events.publishEvent(ApprovalStepped.of(failed, Step.FAILED, error));
      if (e instanceof GoogleAuthException reconnect) {
        throw reconnect; // the person must act (connect Google again): 409, not a quiet failure
      }
      return failed;
    }
  }

  private Approval alreadyDecided(UUID userId, String integration, UUID id) {
    Approval current = get(userId, integration, id);
    switch (current.status()) {
      case EXECUTING, EXECUTED, FAILED, APPROVED -> {
        return current;
      }
      case PENDING -> {
        // Pending but not claimable: it is overdue; mark it now rather than at the next job run.
        expire(current);
        throw expired();
      }
      case EXPIRED -> throw expired();
      default ->
          throw new ConflictException(
              "APPROVAL_NOT_PENDING", "This approval was already " + current.status().value());
    }
  }

  public Approval reject(UUID userId, String integration, UUID id, @Nullable String notes) {
    return close(userId, integration, id, Approval.Status.REJECTED, notes);
  }

  public Approval cancel(UUID userId, String integration, UUID id) {
    return close(userId, integration, id, Approval.Status.CANCELLED, null);
  }

  private Approval close(
      UUID userId, String integration, UUID id, Approval.Status to, @Nullable String notes) {
    Approval current = get(userId, integration, id);
    Approval closed =
        approvals
            .decide(userId, id, to, notes, clock.instant())
            .orElseThrow(
                () -> {
                  Approval now = get(userId, integration, id);
                  return now.status() == Approval.Status.EXPIRED
                      ? expired()
                      : new ConflictException(
                          "APPROVAL_NOT_PENDING",
                          "This approval was already " + now.status().value());
                });
    discardQuietly(executor(integration, current.actionType()), closed);
    events.publishEvent(
        to == Approval.Status.REJECTED
            ? ApprovalStepped.of(closed, Step.REJECTED, notes)
            : ApprovalStepped.of(closed, Step.CANCELLED, null));
    return closed;
  }

  /**
   * Marks every overdue pending approval expired and discards what it prepared; approvals stuck in
   * {@code executing} for longer than {@link #STUCK_AFTER} are marked failed.
   */
  public int expireOverdue() {
    Instant now = clock.instant();
    List<Approval> expired = approvals.expireOverdue(now);
    expired.forEach(this::afterExpiry);
    for (Approval stuck : approvals.failInterrupted(now.minus(STUCK_AFTER), now)) {
      events.publishEvent(ApprovalStepped.of(stuck, Step.FAILED, stuck.execution().error()));
    }
    return expired.size();
  }

  private void expire(Approval approval) {
    approvals
        .decide(approval.userId(), approval.id(), Approval.Status.EXPIRED, null, clock.instant())
        .ifPresent(this::afterExpiry);
  }

  private void afterExpiry(Approval approval) {
    find(approval.integration(), approval.actionType())
        .ifPresent(executor -> discardQuietly(executor, approval));
    events.publishEvent(ApprovalStepped.of(approval, Step.EXPIRED, null));
  }

  /**
   * Cancels the user's pending approvals of one integration (discarding what they prepared, as far
   * as Google still lets Theo); returns how many. Used when the integration is disconnected.
   */
  public int cancelPending(UUID userId, String integration) {
    int cancelled = 0;
    for (Approval approval : approvals.pending(userId, integration)) {
      Optional<Approval> closed =
          approvals.decide(userId, approval.id(), Approval.Status.CANCELLED, null, clock.instant());
      if (closed.isPresent()) {
        find(integration, closed.get().actionType())
            .ifPresent(executor -> discardQuietly(executor, closed.get()));
        events.publishEvent(ApprovalStepped.of(closed.get(), Step.CANCELLED, null));
        cancelled++;
      }
    }
    return cancelled;
  }

  /**
   * An integration switched off has no pending approvals: one created while it was being
   * disconnected is cancelled before anything lists it.
   */
  private void cancelPendingIfDisconnected(UUID userId, String integration) {
    Scopes.forIntegration(integration)
        .filter(scopes -> !scopeUpgrade.checkScopes(scopes, userId).enabled())
        .ifPresent(scopes -> cancelPending(userId, integration));
  }

  /**
   * Deletes the user's approvals of one integration, discarding what pending ones hold at Google
   * (drafts). Integrations call it from {@code deleteUserData}, while their access still works.
   */
  public int discardAll(UUID userId, String integration) {
    for (Approval approval : approvals.pending(userId, integration)) {
      approvals
          .decide(userId, approval.id(), Approval.Status.CANCELLED, null, clock.instant())
          .ifPresent(
              cancelled ->
                  find(integration, cancelled.actionType())
                      .ifPresent(executor -> discardQuietly(executor, cancelled)));
    }
    return approvals.deleteAll(userId, integration);
  }

  private void discardQuietly(ApprovalExecutor executor, Approval approval) {
    try {
      executor.discard(approval);
    } catch (RuntimeException e) {
      log.warn("Could not discard what approval {} prepared: {}", approval.id(), describe(e));
    }
  }

  private void requireCapability(UUID userId, ApprovalExecutor executor) {
    requireCapability(userId, executor.integration(), executor.capability());
  }

  /**
   * Refuses with {@code NOT_CONNECTED} when the integration is not connected and {@code
   * INSUFFICIENT_SCOPE} when the grant lacks the capability.
   */
  public void requireCapability(UUID userId, String integration, String capability) {
    ScopeCheck check =
        scopeUpgrade.requireConnected(Scopes.forIntegration(integration).orElseThrow(), userId);
    if (!Boolean.TRUE.equals(check.capabilities().get(capability))) {
      throw new InsufficientScopeException(
          "Theo was not granted the permission this needs (" + capability + ")");
    }
  }

  ApprovalExecutor executor(String integration, String actionType) {
    return find(integration, actionType)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "APPROVALS_NOT_SUPPORTED",
                    "No approvals for " + integration + " " + actionType));
  }

  /** Whether any executor serves this integration. */
  public boolean supports(String integration) {
    return executors.stream().anyMatch(e -> e.integration().equals(integration));
  }

  private Optional<ApprovalExecutor> find(String integration, String actionType) {
    return executors.stream()
        .filter(
            e ->
                e.integration().equals(integration)
                    && e.actions().stream().anyMatch(a -> a.type().equals(actionType)))
        .findFirst();
  }

  private static ConflictException expired() {
    return new ConflictException("APPROVAL_EXPIRED", "This approval expired and can no longer run");
  }

  /**
   * What a person reads when an action failed for a reason inside Theo: the exception's own text
   * may hold SQL or internal names, so it goes to the log only.
   */
  public static final String UNEXPECTED_FAILURE =
      "Theo ran into a problem of its own while doing this. Check in Google whether it happened"
          + " before you ask again.";

  private static String describe(RuntimeException e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
  }
}
