package theo.auth;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Refreshing a user's access token failed. With {@code reconnectRequired} Google refused the
 * refresh token ({@code invalid_grant}): syncs pause until the person connects again.
 */
public record GoogleTokenRefreshFailed(
    UUID userId, boolean reconnectRequired, @Nullable String reason) {}
