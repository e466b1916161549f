package theo.integration.spi;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A watch to register.
 *
 * @param resource what to watch, one of {@link PushSource#resources}
 * @param channelId the channel id to give Google (web hooks)
 * @param token the channel's secret, echoed by Google in every notification (web hooks)
 * @param address where Google posts the notifications (web hooks)
 * @param topic the Pub/Sub topic Google publishes to (Pub/Sub)
 * @param ttl the lifetime to ask for (Google may grant less)
 */
public record PushRequest(
    String resource,
    String channelId,
    String token,
    String address,
    @Nullable String topic,
    Duration ttl) {

  @Override
  public String toString() {
    return "PushRequest[resource=" + resource + ", channelId=" + channelId + ", token=***]";
  }
}
