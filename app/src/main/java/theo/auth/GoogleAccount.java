package theo.auth;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A user's Google account and the state of its grant, without the tokens themselves.
 *
 * @param grantedScopes what Google granted, from the last token response's {@code scope}
 * @param reconnectRequired Google refused the refresh token; the user must sign in again
 * @param revokePending a revocation at Google failed and is to be retried
 */
public record GoogleAccount(
    UUID userId,
    String sub,
    String email,
    Set<String> grantedScopes,
    @Nullable Instant accessTokenExpiresAt,
    boolean hasAccessToken,
    boolean hasRefreshToken,
    boolean reconnectRequired,
    boolean revokePending,
    Instant updatedAt) {

  public GoogleAccount {
    grantedScopes = Set.copyOf(grantedScopes);
  }

  /** Whether a usable grant is stored: tokens present and no reconnect needed. */
  public boolean connected() {
    return (hasAccessToken || hasRefreshToken) && !reconnectRequired;
  }
}
