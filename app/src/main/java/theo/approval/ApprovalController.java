package theo.approval;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import theo.auth.SignedInUser;
import theo.platform.InvalidInputException;
import theo.platform.NotFoundException;
import theo.ratelimit.RateLimited;

/**
 * {@code /api/integrations/{integration}/approvals} for every integration with an executor: GET the
 * list ({@code ?status=}) with counts per status; GET, POST {@code {action: approve|reject,
 * notes?}} and DELETE (cancel) one. Creating is the integration's own endpoint.
 */
@RestController
@RequestMapping("/api/integrations/{integration}/approvals")
record ApprovalController(Approvals approvals, java.time.Clock clock) {
  @GetMapping
  @RateLimited("{integration}Approvals")
  ApprovalList list(
      @PathVariable String integration,
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(defaultValue = "50") int limit,
      @AuthenticationPrincipal SignedInUser user) {
    requireSupported(integration);
    if (limit < 1 || limit > Approvals.MAX_PAGE) {
      throw new InvalidInputException("limit must be between 1 and " + Approvals.MAX_PAGE);
    }
    Approval.Status filter = parseStatus(status);
    return new ApprovalList(
        approvals.list(user.userId(), integration, filter, limit).stream()
            .map(a -> a.view(clock.instant()))
            .toList(),
        approvals.stats(user.userId(), integration));
  }

  @GetMapping("/{id}")
  @RateLimited("{integration}Approvals")
  ApprovalView.ApprovalAnswer get(
      @PathVariable String integration,
      @PathVariable UUID id,
      @AuthenticationPrincipal SignedInUser user) {
    requireSupported(integration);
    return wrap(approvals.get(user.userId(), integration, id));
  }

  @PostMapping("/{id}")
  @RateLimited("{integration}Approvals")
  ApprovalView.ApprovalAnswer decide(
      @PathVariable String integration,
      @PathVariable UUID id,
      @RequestBody Decision decision,
      @AuthenticationPrincipal SignedInUser user) {
    requireSupported(integration);
    String notes = decision.notes() == null || decision.notes().isBlank() ? null : decision.notes();
    if (notes != null && notes.length() > 2000) {
      throw new InvalidInputException("notes must be at most 2000 characters");
    }
    String action =
        decision.action() == null ? "" : decision.action().trim().toLowerCase(Locale.ROOT);
    Approval result =
        switch (action) {
          case "approve" -> approvals.approve(user.userId(), integration, id, notes);
          case "reject" -> approvals.reject(user.userId(), integration, id, notes);
          default -> throw new InvalidInputException("action must be approve or reject");
        };
    return wrap(result);
  }

  @DeleteMapping("/{id}")
  @RateLimited("{integration}Approvals")
  ApprovalView.ApprovalAnswer cancel(
      @PathVariable String integration,
      @PathVariable UUID id,
      @AuthenticationPrincipal SignedInUser user) {
    requireSupported(integration);
    return wrap(approvals.cancel(user.userId(), integration, id));
  }

  private ApprovalView.ApprovalAnswer wrap(Approval approval) {
    return new ApprovalView.ApprovalAnswer(approval.view(clock.instant()));
  }

  private void requireSupported(String integration) {
    if (!approvals.supports(integration)) {
      throw new NotFoundException("APPROVALS_NOT_SUPPORTED", "No approvals for " + integration);
    }
  }

  private static Approval.@Nullable Status parseStatus(@Nullable String status) {
    if (status == null || status.isBlank()) {
      return null;
    }
    try {
      return Approval.Status.parse(status);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("Unknown status " + status);
    }
  }

  /**
   * The answer of GET /approvals: newest first, with the count of every status.
   *
   * @param stats per status ({@code pending}, {@code executed}, ...) how many there are
   */
  record ApprovalList(List<ApprovalView> approvals, Map<String, Long> stats) {}

  /** The body of POST /approvals/{id}. */
  record Decision(@Nullable String action, @Nullable String notes) {}
}
