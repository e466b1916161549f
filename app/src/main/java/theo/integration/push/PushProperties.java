package theo.integration.push;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code theo.push.*}: push notifications from Google.
 *
 * @param enabled register watches at all; unset means "when Google can reach Theo": a {@code
 *     base-url} is set or the embedded emulator runs
 * @param baseUrl the public address Google posts to (HTTPS in production); with the embedded
 *     emulator it defaults to {@code http://127.0.0.1:<server port>}
 * @param relaxedInterval the recurring sync's interval while push is healthy (polling stays as the
 *     safety net)
 * @param checkInterval how often channels due for renewal are renewed
 * @param quiet a follow-up sync (notifications came while a sync ran) starts once notifications
 *     paused this long...
 * @param coalesce ...or at the latest this long after the first notification it covers: a storm of
 *     notifications becomes one running sync and one follow-up
 * @param channelTtl the lifetime asked for web hook channels (Google may grant less)
 * @param pubsub the Gmail Pub/Sub topic and the push subscription's OIDC identity
 */
@ConfigurationProperties("theo.push")
record PushProperties(
    @Nullable Boolean enabled,
    @Nullable String baseUrl,
    @DefaultValue("30m") Duration relaxedInterval,
    @DefaultValue("1m") Duration checkInterval,
    @DefaultValue("500ms") Duration quiet,
    @DefaultValue("10s") Duration coalesce,
    @DefaultValue("7d") Duration channelTtl,
    @DefaultValue PubSub pubsub) {

  /**
   * @param topic the topic Gmail publishes to, {@code projects/<project>/topics/<topic>}; without
   *     one (and no embedded emulator) Gmail is polled only
   * @param audience the {@code aud} the subscription's OIDC tokens carry; default: the push
   *     endpoint's URL (what Pub/Sub sets when no audience is configured)
   * @param serviceAccount the service account the subscription signs as ({@code email} claim)
   * @param issuer the tokens' issuer; default: Google's ({@code https://accounts.google.com}), or
   *     the emulator's
   * @param jwksUri the keys the tokens are signed with; default: Google's, or the emulator's
   */
  record PubSub(
      @Nullable String topic,
      @Nullable String audience,
      @Nullable String serviceAccount,
      @Nullable String issuer,
      @Nullable String jwksUri) {}
}
