package theo.auth;

import java.util.Set;
import java.util.UUID;

/**
 * A connect flow came back from Google with the integration's read scope granted; the integration
 * is now switched on. {@code missingScopes} lists what the person left unticked.
 */
public record IntegrationAuthorized(
    UUID userId, String integration, Set<String> grantedScopes, Set<String> missingScopes) {}
