package theo.emulator.calendar;

import com.google.api.services.calendar.model.Channel;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import theo.emulator.http.GoogleErrors;
import theo.emulator.push.PushDispatcher;
import theo.emulator.push.PushMessage;
import theo.emulator.push.WatchRegistry;

/**
 * Calendar push channels ({@code events.watch}, {@code calendarList.watch}, {@code channels.stop}):
 * each live channel gets a {@code sync} message when it opens and an {@code exists} message on
 * every change of the watched resource, with Google's {@code X-Goog-*} headers and a message number
 * counting up from 1. Nothing is sent once a channel is stopped or expired.
 */
final class CalendarChannels implements WatchRegistry, CalendarStore.ChangeListener {
  /** Google's default channel lifetime for Calendar: one week. */
  static final Duration DEFAULT_TTL = Duration.ofDays(7);

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final PushDispatcher dispatcher;
  private final Map<String, Live> channels = new ConcurrentHashMap<>();

  CalendarChannels(Clock clock, PushDispatcher dispatcher) {
    this.clock = clock;
    this.dispatcher = dispatcher;
    dispatcher.register(this);
  }

  /** One open channel. */
  private static final class Live {
    final String id;
    final String token;
    final URI address;
    final String resource;
    final String resourceId;
    final String resourceUri;
    final String account;
    final AtomicLong messages = new AtomicLong();
    volatile Instant expiration;
    volatile boolean stopped;

    Live(
        String id,
        String token,
        URI address,
        String resource,
        String resourceUri,
        String account,
        Instant expiration) {
      this.id = id;
      this.token = token;
      this.address = address;
      this.resource = resource;
      this.resourceId = resourceId(resource);
      this.resourceUri = resourceUri;
      this.account = account;
      this.expiration = expiration;
    }
  }

  static String eventsResource(String calendarId) {
    return "events:" + calendarId;
  }

  static String calendarListResource(String email) {
    return "calendarList:" + email.toLowerCase(Locale.ROOT);
  }

  /**
   * Opens a channel on a resource ({@link #eventsResource} or {@link #calendarListResource}) and
   * answers Google's {@code api#channel}; the {@code sync} message follows asynchronously.
   */
  Channel open(Channel request, String resource, String resourceUri, String account) {
    String id = required(request.getId(), "id");
    String type = required(request.getType(), "type");
    if (!"web_hook".equals(type) && !"webhook".equals(type)) {
      throw GoogleErrors.apiException(400, "invalid", "Invalid channel type: " + type);
    }
    URI address = address(required(request.getAddress(), "address"));
    Instant expiration = expiration(request);
    Live channel =
        new Live(id, request.getToken(), address, resource, resourceUri, account, expiration);
    Live existing = channels.putIfAbsent(id, channel);
    if (existing != null && !live(existing) && channels.replace(id, existing, channel)) {
      existing = null; // an expired or stopped channel's id may be used again
    }
    if (existing != null) {
      throw GoogleErrors.apiException(
          400, "channelIdNotUnique", "Channel id " + id + " not unique");
    }
    notify(channel, "sync");
    Channel answer =
        new Channel()
            .setKind("api#channel")
            .setId(id)
            .setResourceId(channel.resourceId)
            .setResourceUri(resourceUri)
            .setExpiration(expiration.toEpochMilli());
    if (request.getToken() != null) {
      answer.setToken(request.getToken());
    }
    return answer;
  }

  /** {@code channels.stop}: the channel must be this account's and name its resource id. */
  void stop(Channel request, String account) {
    String id = required(request.getId(), "id");
    String resourceId = required(request.getResourceId(), "resourceId");
    Live channel = channels.get(id);
    if (channel == null
        || channel.stopped
        || !channel.account.equalsIgnoreCase(account)
        || !channel.resourceId.equals(resourceId)) {
      throw GoogleErrors.apiException(
          404, "notFound", "Channel '" + id + "' not found for project");
    }
    channel.stopped = true;
    channels.remove(id, channel);
  }

  @Override
  public void calendarChanged(String calendarId) {
    changed(eventsResource(calendarId));
  }

  @Override
  public void calendarListChanged(String email) {
    changed(calendarListResource(email));
  }

  private void changed(String resource) {
    if (channels.isEmpty()) {
      return;
    }
    for (Live channel : channels.values()) {
      if (channel.resource.equals(resource)) {
        notify(channel, "exists");
      }
    }
  }

  private void notify(Live channel, String state) {
    if (!live(channel)) {
      return;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Goog-Channel-ID", channel.id);
    if (channel.token != null) {
      headers.put("X-Goog-Channel-Token", channel.token);
    }
    headers.put("X-Goog-Channel-Expiration", HTTP_DATE.format(channel.expiration));
    headers.put("X-Goog-Resource-ID", channel.resourceId);
    headers.put("X-Goog-Resource-URI", channel.resourceUri);
    headers.put("X-Goog-Resource-State", state);
    headers.put("X-Goog-Message-Number", Long.toString(channel.messages.incrementAndGet()));
    dispatcher.send(new PushMessage(channel.id, channel.account, channel.address, headers, null));
  }

  private boolean live(Live channel) {
    return !channel.stopped && clock.instant().isBefore(channel.expiration);
  }

  @Override
  public String kind() {
    return "channels";
  }

  @Override
  public List<Map<String, Object>> describe(String account) {
    List<Map<String, Object>> result = new ArrayList<>();
    for (Live channel : channels.values()) {
      if (live(channel) && (account == null || channel.account.equalsIgnoreCase(account))) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", channel.id);
        item.put("account", channel.account);
        item.put("resourceId", channel.resourceId);
        item.put("resourceUri", channel.resourceUri);
        item.put("address", channel.address.toString());
        item.put("expiration", channel.expiration.toEpochMilli());
        item.put("messages", channel.messages.get());
        result.add(item);
      }
    }
    result.sort((a, b) -> String.valueOf(a.get("id")).compareTo(String.valueOf(b.get("id"))));
    return result;
  }

  @Override
  public int expireNow(String account) {
    int expired = 0;
    Instant now = clock.instant();
    for (Live channel : channels.values()) {
      if (live(channel) && (account == null || channel.account.equalsIgnoreCase(account))) {
        channel.expiration = now;
        expired++;
      }
    }
    return expired;
  }

  private Instant expiration(Channel request) {
    Instant now = clock.instant();
    String ttl = request.getParams() == null ? null : request.getParams().get("ttl");
    if (ttl != null) {
      try {
        long seconds = Long.parseLong(ttl.trim());
        if (seconds > 0) {
          return now.plusSeconds(seconds);
        }
      } catch (NumberFormatException e) {
        // answered below
      }
      throw GoogleErrors.apiException(400, "invalid", "Invalid value for ttl: " + ttl);
    }
    if (request.getExpiration() != null) {
      Instant asked = Instant.ofEpochMilli(request.getExpiration());
      if (!asked.isAfter(now)) {
        throw GoogleErrors.apiException(400, "invalid", "Channel expiration is in the past");
      }
      return asked;
    }
    return now.plus(DEFAULT_TTL);
  }

  private static URI address(String address) {
    try {
      URI uri = new URI(address);
      if (uri.isAbsolute()
          && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (java.net.URISyntaxException e) {
      // answered below
    }
    throw GoogleErrors.apiException(400, "invalid", "Invalid address: " + address);
  }

  private static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw GoogleErrors.apiException(400, "required", "Required: " + name);
    }
    return value;
  }

  /** An opaque id, the same for every channel on one resource, as Google's. */
  private static String resourceId(String resource) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(resource.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
