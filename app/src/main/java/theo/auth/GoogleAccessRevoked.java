package theo.auth;

import java.util.UUID;

/**
 * The outcome of giving up the Google grant after the last integration was disconnected: revoked at
 * Google, or pending (the revoke call failed and will be retried).
 */
public record GoogleAccessRevoked(UUID userId, boolean revoked, boolean pending, String detail) {}
