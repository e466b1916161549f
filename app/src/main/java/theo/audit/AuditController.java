package theo.audit;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import theo.auth.SignedInUser;
import theo.platform.InvalidInputException;
import theo.ratelimit.RateLimited;

/** {@code GET /api/audit}: the signed-in person's own audit log, newest first, by cursor. */
@RestController
@RequestMapping("/api/audit")
record AuditController(AuditLog log) {
  @GetMapping
  @RateLimited("auditLog")
  AuditLog.Page entries(
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(required = false) String before,
      @AuthenticationPrincipal SignedInUser user) {
    if (limit < 1 || limit > AuditLog.MAX_PAGE) {
      throw new InvalidInputException(
          "INVALID_LIMIT", "limit must be between 1 and " + AuditLog.MAX_PAGE);
    }
    try {
      return log.page(user.userId(), before, limit);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("INVALID_CURSOR", "before is not a cursor from this log");
    }
  }
}
