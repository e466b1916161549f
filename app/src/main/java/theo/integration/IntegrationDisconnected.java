package theo.integration;

import java.util.Set;
import java.util.UUID;

/**
 * An integration was disconnected: its sync stopped, its data deleted. {@code keptFor} names the
 * integrations that still use the Google grant (so it was not revoked).
 */
public record IntegrationDisconnected(
    UUID userId,
    String integration,
    boolean revokedAtGoogle,
    boolean revokePending,
    Set<String> keptFor) {}
