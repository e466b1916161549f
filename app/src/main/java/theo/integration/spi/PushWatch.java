package theo.integration.spi;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A watch Google registered.
 *
 * @param resource what it watches
 * @param channelId its channel id (web hooks)
 * @param resourceId Google's id of the watched resource, needed to stop a channel (web hooks)
 * @param subject the account Pub/Sub notifications name (Pub/Sub: the mailbox address)
 * @param expiresAt when Google stops delivering
 */
public record PushWatch(
    String resource,
    String channelId,
    @Nullable String resourceId,
    @Nullable String subject,
    Instant expiresAt) {}
