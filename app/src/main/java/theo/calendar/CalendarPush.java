package theo.calendar;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.CalendarRequest;
import com.google.api.services.calendar.model.Channel;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import theo.google.GoogleApis;
import theo.google.GoogleNotFoundException;
import theo.google.GoogleRetry;
import theo.integration.spi.PushDelivery;
import theo.integration.spi.PushRequest;
import theo.integration.spi.PushSource;
import theo.integration.spi.PushWatch;

/**
 * Calendar's push: web hook channels on the calendar list ({@code calendarList.watch}) and on the
 * events of the primary calendar and every other synced calendar ({@code events.watch}); {@code
 * channels.stop} ends one.
 */
@Component
record CalendarPush(CalendarApi api, CalendarRepository calendars, Clock clock)
    implements PushSource {
  static final String CALENDAR_LIST = "calendarList";
  static final String EVENTS = "events:";
  private static final String PRIMARY = "primary";

  @Override
  public PushDelivery delivery() {
    return PushDelivery.WEB_HOOK;
  }

  @Override
  public List<String> resources(UUID userId) {
    List<String> resources = new ArrayList<>();
    resources.add(CALENDAR_LIST);
    resources.add(EVENTS + PRIMARY);
    for (StoredCalendar calendar : calendars.calendars(userId)) {
      if (calendar.selected() && !calendar.primary()) {
        resources.add(EVENTS + calendar.id());
      }
    }
    return resources;
  }

  @Override
  public PushWatch watch(UUID userId, PushRequest request) {
    Channel channel =
        new Channel()
            .setId(request.channelId())
            .setToken(request.token())
            .setType("web_hook")
            .setAddress(request.address())
            .setParams(Map.of("ttl", Long.toString(request.ttl().toSeconds())));
    Calendar client = api.client(userId);
    CalendarRequest<Channel> watch =
        GoogleRetry.once(
            GoogleApis.CALENDAR,
            () ->
                CALENDAR_LIST.equals(request.resource())
                    ? client.calendarList().watch(channel)
                    : client
                        .events()
                        .watch(request.resource().substring(EVENTS.length()), channel));
    Channel opened = api.execute(userId, watch);
    Instant expiresAt =
        opened.getExpiration() == null
            ? clock.instant().plus(request.ttl())
            : Instant.ofEpochMilli(opened.getExpiration());
    return new PushWatch(
        request.resource(), request.channelId(), opened.getResourceId(), null, expiresAt);
  }

  @Override
  public void stop(UUID userId, PushWatch watch) {
    Channel channel = new Channel().setId(watch.channelId()).setResourceId(watch.resourceId());
    Calendar client = api.client(userId);
    try {
      api.execute(
          userId, GoogleRetry.once(GoogleApis.CALENDAR, () -> client.channels().stop(channel)));
    } catch (GoogleNotFoundException e) {
      // Google no longer knows the channel: stopped already.
    }
  }
}
