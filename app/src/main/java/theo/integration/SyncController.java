package theo.integration;

import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
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
@RequestMapping("/api/integrations/{integration}/sync")
record SyncController(Integrations integrations, IntegrationSync sync, ScopeUpgrade scopeUpgrade) {
  @GetMapping
  @RateLimited("{integration}SyncStatus")
  IntegrationSync.SyncStatus status(
      @PathVariable String integration, @AuthenticationPrincipal SignedInUser user) {
    Integration target = syncable(integration);
    return sync.status(user.userId(), target);
  }

  @PostMapping
  @RateLimited("{integration}Sync")
  ResponseEntity<Started> start(
      @PathVariable String integration,
      @RequestBody(required = false) @Nullable StartRequest request,
      @AuthenticationPrincipal SignedInUser user) {
    Integration target = syncable(integration);
    SyncType type = parseType(request == null ? null : request.type());
    scopeUpgrade.requireConnected(target.scopes(), user.userId());
    IntegrationSync.StartedRun run = sync.start(user.userId(), target, type, "manual");
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(new Started(true, run.runId(), run.alreadyActive()));
  }

  @DeleteMapping
  @RateLimited("{integration}Sync")
  Stopped stop(@PathVariable String integration, @AuthenticationPrincipal SignedInUser user) {
    Integration target = syncable(integration);
    boolean cancelled = sync.cancel(user.userId(), target);
    return new Stopped(true, cancelled, cancelled ? "The sync is stopping" : "No sync was running");
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

  /** The answer of POST /sync: the run queued, or the one already running. */
  record Started(boolean success, UUID runId, boolean alreadyRunning) {}

  /** The answer of DELETE /sync. */
  record Stopped(boolean success, boolean cancelled, String message) {}
}
