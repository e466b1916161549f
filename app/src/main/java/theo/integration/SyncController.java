package theo.integration;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import theo.auth.ScopeUpgrade;
import theo.auth.SignedInUser;
import theo.integration.spi.Integration;
import theo.integration.spi.SyncType;
import theo.platform.InvalidInputException;
import theo.platform.NotFoundException;
import theo.ratelimit.RateLimited;

/**
 * {@code /api/integrations/{integration}/sync} for every integration with a sync engine: GET the
 * status and progress, POST {type: auto|full|incremental} to start, DELETE to stop.
 */
@RestController
class SyncController {
  private final Integrations integrations;
  private final IntegrationSync sync;
  private final ScopeUpgrade scopeUpgrade;

  SyncController(Integrations integrations, IntegrationSync sync, ScopeUpgrade scopeUpgrade) {
    this.integrations = integrations;
    this.sync = sync;
    this.scopeUpgrade = scopeUpgrade;
  }

  @GetMapping("/api/integrations/{integration}/sync")
  @RateLimited("{integration}SyncStatus")
  Map<String, Object> status(
      @PathVariable String integration, @AuthenticationPrincipal SignedInUser user) {
    Integration target = syncable(integration);
    return sync.status(user.userId(), target).asMap();
  }

  @PostMapping("/api/integrations/{integration}/sync")
  @RateLimited("{integration}Sync")
  ResponseEntity<Map<String, Object>> start(
      @PathVariable String integration,
      @RequestBody(required = false) @Nullable StartRequest request,
      @AuthenticationPrincipal SignedInUser user) {
    Integration target = syncable(integration);
    SyncType type = parseType(request == null ? null : request.type());
    scopeUpgrade.requireConnected(target.scopes(), user.userId());
    IntegrationSync.StartedRun run = sync.start(user.userId(), target, type, "manual");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("runId", run.runId());
    body.put("alreadyRunning", run.alreadyActive());
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
  }

  @DeleteMapping("/api/integrations/{integration}/sync")
  @RateLimited("{integration}Sync")
  Map<String, Object> stop(
      @PathVariable String integration, @AuthenticationPrincipal SignedInUser user) {
    Integration target = syncable(integration);
    boolean cancelled = sync.cancel(user.userId(), target);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("cancelled", cancelled);
    body.put("message", cancelled ? "The sync is stopping" : "No sync was running");
    return body;
  }

  private Integration syncable(String id) {
    Integration integration = integrations.require(id);
    if (integration.syncEngine().isEmpty()) {
      throw new NotFoundException("SYNC_NOT_SUPPORTED", integration.displayName() + " has no sync");
    }
    return integration;
  }

  private static SyncType parseType(@Nullable String type) {
    if (type == null || type.isBlank()) {
      return SyncType.AUTO;
    }
    try {
      return SyncType.valueOf(type.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "INVALID_SYNC_TYPE", "type must be auto, full or incremental");
    }
  }

  /** The body of POST /sync. */
  record StartRequest(@Nullable String type) {}
}
