package theo.auth;

import java.util.Map;
import java.util.Set;

/**
 * An integration's scope state for one user (the spec's {@code ScopeCheckResult}).
 *
 * @param connected switched on, its read scope granted, and the grant usable
 * @param hasRequiredScopes every scope of the integration granted
 * @param missingScopes required minus granted, in registry order
 * @param capabilities e.g. {@code canRead}, {@code canSend}, {@code canWrite}
 * @param enabled switched on by the user (even if the grant is not usable right now)
 * @param reconnectRequired Google refused the refresh token: the user must connect again
 */
public record ScopeCheck(
    boolean connected,
    boolean hasRequiredScopes,
    Set<String> missingScopes,
    Map<String, Boolean> capabilities,
    boolean enabled,
    boolean reconnectRequired) {}
