package theo.integration.push;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import theo.auth.ScopeUpgrade;
import theo.integration.IntegrationSync;
import theo.integration.Integrations;
import theo.integration.spi.Integration;
import theo.integration.spi.PushDelivery;
import theo.integration.spi.PushRequest;
import theo.integration.spi.PushSource;
import theo.integration.spi.PushWatch;

/**
 * The watches at Google, the same for every integration with a {@link PushSource}: opened for what
 * the integration watches (on connect, and whenever a sync finds some missing), renewed before they
 * expire, stopped on disconnect. A failure leaves polling at its normal interval.
 */
@Service
public class PushWatches {
  private static final Logger log = LoggerFactory.getLogger(PushWatches.class);
  private static final Duration MAX_RENEW_MARGIN = Duration.ofHours(1);
  private static final Duration RENEW_RETRY = Duration.ofMinutes(5);

  private final PushChannelRepository channels;
  private final Integrations integrations;
  private final ScopeUpgrade scopes;
  private final IntegrationSync sync;
  private final PushAddress address;
  private final PushProperties properties;
  private final PubSubPushes pubSub;
  private final PushSyncs syncs;
  private final Clock clock;

  PushWatches(
      PushChannelRepository channels,
      Integrations integrations,
      ScopeUpgrade scopes,
      IntegrationSync sync,
      PushAddress address,
      PushProperties properties,
      PubSubPushes pubSub,
      PushSyncs syncs,
      Clock clock) {
    this.channels = channels;
    this.integrations = integrations;
    this.scopes = scopes;
    this.sync = sync;
    this.address = address;
    this.properties = properties;
    this.pubSub = pubSub;
    this.syncs = syncs;
    this.clock = clock;
  }

  /**
   * Makes the open channels match what the integration watches for the person: opens the missing
   * ones, stops those no longer wanted, drops the expired.
   */
  public void reconcile(UUID userId, Integration integration) {
    PushSource source = usableSource(integration);
    if (source == null) {
      return;
    }
    if (!scopes.checkScopes(integration.scopes(), userId).connected()) {
      stopAll(userId, integration);
      return;
    }
    Instant now = clock.instant();
    List<PushChannel> open = channels.channels(userId, integration.id());
    List<String> wanted = source.resources(userId);
    Set<String> covered = new HashSet<>();
    for (PushChannel channel : open) {
      if (!channel.activeAt(now) || !wanted.contains(channel.resource())) {
        close(source, channel, now);
      } else {
        covered.add(channel.resource());
      }
    }
    for (String resource : wanted) {
      if (!covered.contains(resource)) {
        open(userId, integration, source, resource, null);
      }
    }
  }

  /** Whether every resource the integration watches has an open channel. */
  boolean complete(UUID userId, Integration integration) {
    PushSource source = usableSource(integration);
    if (source == null) {
      return true;
    }
    Instant now = clock.instant();
    Set<String> covered = new HashSet<>();
    for (PushChannel channel : channels.channels(userId, integration.id())) {
      if (channel.activeAt(now)) {
        covered.add(channel.resource());
      }
    }
    return covered.containsAll(source.resources(userId));
  }

  /** Stops every channel of the person's integration at Google (before access is given up). */
  public void stopAll(UUID userId, Integration integration) {
    Instant now = clock.instant();
    PushSource source = integration.push().orElse(null);
    for (PushChannel channel : channels.channels(userId, integration.id())) {
      if (source == null) {
        channels.delete(channel.id());
      } else {
        close(source, channel, now);
      }
    }
    channels.forgetPending(userId, integration.id());
  }

  /**
   * Renews the channels due (a new channel first, then the old one stopped); a channel that expired
   * without renewal is dropped and polling returns to its normal interval.
   */
  void renewDue() {
    Instant now = clock.instant();
    for (PushChannel channel : channels.dueForRenewal(now, 100)) {
      if (!channels.claimRenewal(channel.id(), channel.renewAt(), now.plus(RENEW_RETRY))) {
        continue; // another instance renews it
      }
      Integration integration = integrations.find(channel.integration()).orElse(null);
      PushSource source = integration == null ? null : usableSource(integration);
      if (integration == null
          || source == null
          || !scopes.checkScopes(integration.scopes(), channel.userId()).connected()) {
        if (source != null) {
          close(source, channel, now);
        } else {
          channels.delete(channel.id());
        }
        continue;
      }
      renew(integration, source, channel, now);
    }
  }

  private void renew(Integration integration, PushSource source, PushChannel old, Instant now) {
    boolean opened = open(old.userId(), integration, source, old.resource(), old.lastNotifiedAt());
    if (opened) {
      if (source.delivery() == PushDelivery.PUB_SUB) {
        // One watch per account: watching again replaced it, stopping would end the new one.
        channels.delete(old.id());
      } else {
        close(source, old, now);
      }
    } else if (!old.activeAt(now.plus(RENEW_RETRY))) {
      channels.delete(old.id());
      sync.pollAtNormalInterval(old.userId(), old.integration());
    }
  }

  private boolean open(
      UUID userId,
      Integration integration,
      PushSource source,
      String resource,
      @Nullable Instant lastNotifiedAt) {
    UUID channelId = UUID.randomUUID();
    String token = ChannelTokens.newToken();
    PushRequest request =
        new PushRequest(
            resource,
            channelId.toString(),
            token,
            address.webHook(integration.id()),
            pubSub.topic(),
            properties.channelTtl());
    // Stored before Google is asked: the channel's first notification may come before the answer.
    Instant now = clock.instant();
    channels.insert(
        new PushChannel(
            channelId,
            userId,
            integration.id(),
            resource,
            source.delivery(),
            source.delivery() == PushDelivery.WEB_HOOK ? ChannelTokens.hash(token) : null,
            null,
            null,
            now,
            now.plus(properties.channelTtl()),
            now.plus(RENEW_RETRY),
            0,
            lastNotifiedAt,
            null));
    PushWatch watch;
    try {
      watch = source.watch(userId, request);
    } catch (RuntimeException e) {
      channels.delete(channelId);
      log.warn(
          "Could not open a push channel of {} ({}); polling stays at its normal interval: {}",
          integration.id(),
          resource,
          e.getClass().getSimpleName());
      sync.pollAtNormalInterval(userId, integration.id());
      return false;
    }
    channels.opened(
        channelId,
        watch.subject(),
        watch.resourceId(),
        watch.expiresAt(),
        renewAt(now, watch.expiresAt(), source.renewEvery()));
    // A change between the last sync and the watch, or announced before the channel was complete,
    // would otherwise wait for the next poll.
    syncs.request(userId, integration.id(), now);
    return true;
  }

  /** Renewed after {@code every}, and at the latest shortly before it expires. */
  static Instant renewAt(Instant now, Instant expiresAt, Duration every) {
    Duration lifetime = Duration.between(now, expiresAt);
    Duration margin = lifetime.dividedBy(10);
    if (margin.compareTo(MAX_RENEW_MARGIN) > 0) {
      margin = MAX_RENEW_MARGIN;
    }
    Instant beforeExpiry = expiresAt.minus(margin);
    Instant regular = now.plus(every);
    return regular.isBefore(beforeExpiry) ? regular : beforeExpiry;
  }

  private void close(PushSource source, PushChannel channel, Instant now) {
    if (channel.activeAt(now)) {
      try {
        source.stop(channel.userId(), channel.asWatch());
      } catch (RuntimeException e) {
        log.info(
            "Google did not confirm stopping push channel {} of {}: {}",
            channel.id(),
            channel.integration(),
            e.getClass().getSimpleName());
      }
    }
    channels.delete(channel.id());
  }

  /** The integration's push source when push is on and Google can deliver its kind. */
  private @Nullable PushSource usableSource(Integration integration) {
    PushSource source = integration.push().orElse(null);
    if (source == null || !address.enabled()) {
      return null;
    }
    if (source.delivery() == PushDelivery.PUB_SUB && !pubSub.configured()) {
      return null;
    }
    return source;
  }
}
