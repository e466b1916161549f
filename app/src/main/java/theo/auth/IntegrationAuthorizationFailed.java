package theo.auth;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A connect flow ended without connecting: cancelled at Google, the read scope left unticked, or a
 * different Google account than the signed-in one. {@code userId} is null when nobody was signed
 * in.
 */
public record IntegrationAuthorizationFailed(
    @Nullable UUID userId, String integration, String code, String reason) {}
