package theo.emulator.calendar;

import com.google.api.services.calendar.model.Calendar;
import com.google.api.services.calendar.model.CalendarList;
import com.google.api.services.calendar.model.CalendarListEntry;
import com.google.api.services.calendar.model.ConferenceProperties;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.Events;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import theo.emulator.AccessGrant;
import theo.emulator.EmulatorContext;
import theo.emulator.Surface;
import theo.emulator.calendar.CalendarStore.AccountCalendars;
import theo.emulator.calendar.CalendarStore.Entry;
import theo.emulator.http.BatchHandler;
import theo.emulator.http.GoogleErrors;
import theo.emulator.http.Handler;
import theo.emulator.http.Request;
import theo.emulator.http.Response;
import theo.emulator.http.Router;
import theo.emulator.quota.QuotaLimiter;

/**
 * Google Calendar API v3 ({@code /calendar/v3/...}): calendar list, calendars, events with
 * recurrence expansion, sync tokens and Google's quota errors, plus the calendar admin API.
 */
public final class CalendarSurface implements Surface {
  private static final String SCOPE = "https://www.googleapis.com/auth/";
  static final Set<String> WRITE_SCOPES = Set.of(SCOPE + "calendar", SCOPE + "calendar.events");
  static final Set<String> READ_SCOPES =
      Set.of(
          SCOPE + "calendar",
          SCOPE + "calendar.readonly",
          SCOPE + "calendar.events",
          SCOPE + "calendar.events.readonly");

  /** As Google's discovery document says: the events scopes do not reach the calendar list. */
  static final Set<String> CALENDAR_LIST_SCOPES =
      Set.of(
          SCOPE + "calendar",
          SCOPE + "calendar.readonly",
          SCOPE + "calendar.calendarlist",
          SCOPE + "calendar.calendarlist.readonly");

  static final Set<String> CALENDARS_SCOPES =
      Set.of(
          SCOPE + "calendar",
          SCOPE + "calendar.readonly",
          SCOPE + "calendar.calendars",
          SCOPE + "calendar.calendars.readonly");

  /** channels.stop takes any scope that can open a channel. */
  static final Set<String> CHANNEL_SCOPES = union(READ_SCOPES, CALENDAR_LIST_SCOPES);

  private static final Set<String> FORBIDDEN_WITH_SYNC_TOKEN =
      Set.of(
          "iCalUID",
          "orderBy",
          "privateExtendedProperty",
          "q",
          "sharedExtendedProperty",
          "timeMin",
          "timeMax",
          "updatedMin");
  private static final List<String> ROLE_ORDER =
      List.of("freeBusyReader", "reader", "writer", "owner");
  private static final String BASE = "/calendar/v3";

  /** Google's limit for one Calendar batch request. */
  static final int MAX_BATCH_PARTS = 1000;

  private final EmulatorContext context;
  private final CalendarStore store;
  private final QuotaLimiter quota;
  private final List<Map<String, Object>> notifications = new ArrayList<>();
  private final CalendarChannels channels;

  public CalendarSurface(EmulatorContext context) {
    this.context = context;
    this.store = new CalendarStore(context.clock());
    this.channels = new CalendarChannels(context.clock(), context.push());
    store.listener(channels);
    this.quota = context.quotas().register("calendar", 600, 10_000);
    context.accounts().onCreated(store::createAccount);
  }

  @Override
  public void register(Router router) {
    // before the event routes: "watch" would otherwise be taken for an event id
    router
        .post(
            BASE + "/calendars/{calendarId}/events/watch",
            request -> call(request, READ_SCOPES, this::watchEvents))
        .post(
            BASE + "/users/me/calendarList/watch",
            request -> call(request, CALENDAR_LIST_SCOPES, this::watchCalendarList))
        .post(BASE + "/channels/stop", request -> call(request, CHANNEL_SCOPES, this::stopChannel));
    router
        .get(
            BASE + "/users/me/calendarList",
            request -> call(request, CALENDAR_LIST_SCOPES, this::listCalendarList))
        .get(
            BASE + "/users/me/calendarList/{calendarId}",
            request -> call(request, CALENDAR_LIST_SCOPES, this::getCalendarListEntry))
        .get(
            BASE + "/calendars/{calendarId}",
            request -> call(request, CALENDARS_SCOPES, this::getCalendar))
        .get(BASE + "/calendars/{calendarId}/events", read(this::listEvents))
        .post(BASE + "/calendars/{calendarId}/events", write(this::insertEvent))
        .get(BASE + "/calendars/{calendarId}/events/{eventId}", read(this::getEvent))
        .put(BASE + "/calendars/{calendarId}/events/{eventId}", write(this::updateEvent))
        .patch(BASE + "/calendars/{calendarId}/events/{eventId}", write(this::patchEvent))
        // Google's Java client sends PATCH as POST + X-HTTP-Method-Override on JDK transports
        .post(BASE + "/calendars/{calendarId}/events/{eventId}", this::overriddenMethod)
        .delete(BASE + "/calendars/{calendarId}/events/{eventId}", write(this::deleteEvent))
        .get(BASE + "/calendars/{calendarId}/events/{eventId}/instances", read(this::instances))
        .post("/batch/calendar/v3", new BatchHandler(router, MAX_BATCH_PARTS));
    new CalendarAdmin(context, store, notifications).register(router);
  }

  @FunctionalInterface
  private interface Call {
    Response handle(Request request, AccountCalendars account);
  }

  private Handler read(Call call) {
    return request -> call(request, READ_SCOPES, call);
  }

  private Handler write(Call call) {
    return request -> call(request, WRITE_SCOPES, call);
  }

  private Response overriddenMethod(Request request) {
    String method =
        request.header("X-HTTP-Method-Override").orElse("POST").toUpperCase(Locale.ROOT);
    return switch (method) {
      case "PATCH" -> call(request, WRITE_SCOPES, this::patchEvent);
      case "PUT" -> call(request, WRITE_SCOPES, this::updateEvent);
      case "DELETE" -> call(request, WRITE_SCOPES, this::deleteEvent);
      default -> GoogleErrors.api(405, "httpMethodNotAllowed", "Method not allowed for this path.");
    };
  }

  private Response call(Request request, Set<String> scopes, Call call) {
    AccessGrant grant = context.guard().require(request, scopes);
    context.stats().increment("calendar.requests");
    String email = grant.account().email();
    Optional<QuotaLimiter.Exceeded> exceeded = quota.charge(email, 1);
    if (exceeded.isPresent()) {
      context.stats().increment("calendar.throttled");
      if (exceeded.get() == QuotaLimiter.Exceeded.USER) {
        long seconds = Math.max(1, (quota.millisUntilUserRelief(email) + 999) / 1000);
        return GoogleErrors.api(429, "rateLimitExceeded", "Rate Limit Exceeded", "usageLimits")
            .withHeader("Retry-After", Long.toString(seconds));
      }
      return GoogleErrors.api(403, "rateLimitExceeded", "Rate Limit Exceeded", "usageLimits");
    }
    synchronized (store) {
      AccountCalendars account = store.account(email).orElseThrow(CalendarStore::notFound);
      return call.handle(request, account);
    }
  }

  // push channels

  private Response watchEvents(Request request, AccountCalendars account) {
    String calendarId = request.pathVariable("calendarId");
    Entry entry = account.require(calendarId);
    String uri =
        context.baseUrl()
            + BASE
            + "/calendars/"
            + java.net.URLEncoder.encode(calendarId, java.nio.charset.StandardCharsets.UTF_8)
            + "/events?alt=json";
    return Response.json(
        channels.open(
            request.json(com.google.api.services.calendar.model.Channel.class),
            CalendarChannels.eventsResource(entry.calendar.id),
            uri,
            account.account.email()));
  }

  private Response watchCalendarList(Request request, AccountCalendars account) {
    String uri = context.baseUrl() + BASE + "/users/me/calendarList?alt=json";
    return Response.json(
        channels.open(
            request.json(com.google.api.services.calendar.model.Channel.class),
            CalendarChannels.calendarListResource(account.account.email()),
            uri,
            account.account.email()));
  }

  private Response stopChannel(Request request, AccountCalendars account) {
    channels.stop(
        request.json(com.google.api.services.calendar.model.Channel.class),
        account.account.email());
    return Response.empty(204);
  }

  private static Set<String> union(Set<String> first, Set<String> second) {
    Set<String> all = new java.util.HashSet<>(first);
    all.addAll(second);
    return Set.copyOf(all);
  }

  // calendarList and calendars

  private Response listCalendarList(Request request, AccountCalendars account) {
    Optional<String> syncToken = request.query("syncToken");
    int maxResults = maxResults(request, 100, 250);
    String minRole = request.query("minAccessRole").orElse(null);
    if (minRole != null && !ROLE_ORDER.contains(minRole)) {
      throw GoogleErrors.apiException(400, "invalid", "Invalid value for: minAccessRole");
    }
    Long since = null;
    if (syncToken.isPresent()) {
      if (minRole != null) {
        throw GoogleErrors.apiException(
            400, "invalid", "The minAccessRole parameter cannot be combined with a syncToken.");
      }
      since =
          Tokens.readSync(
                  syncToken.get(), account.account.email(), "calendarList", account.listEpoch)
              .sequence();
    }
    boolean showHidden = since != null || bool(request, "showHidden", false);
    boolean showDeleted = since != null || bool(request, "showDeleted", false);
    Tokens.PagePosition position =
        request
            .query("pageToken")
            .map(Tokens::readPage)
            .orElse(new Tokens.PagePosition(account.listSequence, ""));
    List<CalendarListEntry> items = new ArrayList<>();
    String lastKey = null;
    boolean more = false;
    int index = 0;
    for (Entry entry : account.list()) {
      String key = String.format(Locale.ROOT, "%08d", index++);
      if (key.compareTo(position.after()) <= 0
          || (since != null && entry.changeSeq <= since)
          || (entry.hidden && !showHidden)
          || (entry.deleted && !showDeleted)
          || (minRole != null
              && ROLE_ORDER.indexOf(entry.accessRole) < ROLE_ORDER.indexOf(minRole))) {
        continue;
      }
      if (items.size() == maxResults) {
        more = true;
        break;
      }
      items.add(listEntry(entry));
      lastKey = key;
    }
    CalendarList list = new CalendarList();
    list.setKind("calendar#calendarList");
    list.setEtag("\"" + account.listSequence + "\"");
    list.setItems(items);
    if (more) {
      list.setNextPageToken(Tokens.page(position.snapshot(), lastKey));
    } else {
      list.setNextSyncToken(
          Tokens.sync(
              account.account.email(), "calendarList", account.listEpoch, position.snapshot()));
    }
    return Response.json(list);
  }

  private Response getCalendarListEntry(Request request, AccountCalendars account) {
    CalendarListEntry item = listEntry(account.require(request.pathVariable("calendarId")));
    return Conditions.get(request, item.getEtag(), () -> Response.json(item));
  }

  private Response getCalendar(Request request, AccountCalendars account) {
    Entry entry = account.require(request.pathVariable("calendarId"));
    Calendar calendar = new Calendar();
    calendar.setKind("calendar#calendar");
    calendar.setEtag("\"" + entry.calendar.updated.toEpochMilli() + "\"");
    calendar.setId(entry.calendar.id);
    calendar.setSummary(entry.calendar.summary);
    calendar.setDescription(entry.calendar.description);
    calendar.setTimeZone(entry.calendar.timeZone);
    calendar.setConferenceProperties(conferenceProperties());
    return Conditions.get(request, calendar.getEtag(), () -> Response.json(calendar));
  }

  static CalendarListEntry listEntry(Entry entry) {
    CalendarListEntry item = new CalendarListEntry();
    item.setKind("calendar#calendarListEntry");
    item.setEtag("\"" + entry.changeSeq + "\"");
    item.setId(entry.calendar.id);
    item.setSummary(entry.calendar.summary);
    item.setDescription(entry.calendar.description);
    item.setTimeZone(entry.calendar.timeZone);
    item.setColorId(Integer.toString(Math.floorMod(entry.calendar.id.hashCode(), 24) + 1));
    item.setBackgroundColor(entry.backgroundColor);
    item.setForegroundColor("#000000");
    item.setSelected(entry.selected);
    item.setAccessRole(entry.accessRole);
    item.setDefaultReminders(entry.defaultReminders());
    item.setConferenceProperties(conferenceProperties());
    if (entry.primary) {
      item.setPrimary(true);
    }
    if (entry.hidden) {
      item.setHidden(true);
    }
    if (entry.deleted) {
      item.setDeleted(true);
    }
    return item;
  }

  private static ConferenceProperties conferenceProperties() {
    return new ConferenceProperties().setAllowedConferenceSolutionTypes(List.of("hangoutsMeet"));
  }

  // events

  private Response listEvents(Request request, AccountCalendars account) {
    Entry entry = account.require(request.pathVariable("calendarId"));
    ZoneId answerZone = EventTimes.answerZone(request, entry.calendar.zone);
    Optional<String> syncToken = request.query("syncToken");
    Long since = null;
    if (syncToken.isPresent()) {
      for (String name : FORBIDDEN_WITH_SYNC_TOKEN) {
        if (request.query(name).isPresent()) {
          throw GoogleErrors.apiException(
              400, "invalid", "Sync token cannot be combined with the " + name + " parameter.");
        }
      }
      since =
          Tokens.readSync(syncToken.get(), account.account.email(), entry.calendar.id, entry.epoch)
              .sequence();
    }
    boolean singleEvents = bool(request, "singleEvents", false);
    String orderBy = request.query("orderBy").orElse(null);
    if (orderBy != null && !orderBy.equals("startTime") && !orderBy.equals("updated")) {
      throw GoogleErrors.apiException(400, "invalid", "Invalid value for: orderBy");
    }
    if ("startTime".equals(orderBy) && !singleEvents) {
      throw GoogleErrors.apiException(
          400, "invalid", "The requested ordering is not available for the particular query.");
    }
    Instant timeMin = EventTimes.parameter(request, "timeMin");
    Instant timeMax = EventTimes.parameter(request, "timeMax");
    if (timeMin != null && timeMax != null && !timeMax.isAfter(timeMin)) {
      throw GoogleErrors.apiException(400, "timeRangeEmpty", "The specified time range is empty.");
    }
    EventListing.Query query =
        new EventListing.Query(
            timeMin,
            timeMax,
            singleEvents,
            bool(request, "showDeleted", false),
            "updated".equals(orderBy),
            request.query("q").orElse(null),
            EventTimes.parameter(request, "updatedMin"),
            request.query("iCalUID").orElse(null),
            since,
            request.queryAll("privateExtendedProperty"),
            request.queryAll("sharedExtendedProperty"),
            maxAttendees(request),
            null,
            null);
    Events page =
        EventListing.page(
            entry,
            account.account.email(),
            query,
            store.now(),
            request.query("pageToken").orElse(null),
            maxResults(request, 250, 2500),
            true);
    request.query("timeZone").ifPresent(page::setTimeZone);
    return EventTimes.json(EventTimes.inZone(page, answerZone));
  }

  private Response instances(Request request, AccountCalendars account) {
    Entry entry = account.require(request.pathVariable("calendarId"));
    String eventId = request.pathVariable("eventId");
    StoredEvent master = entry.calendar.events.get(eventId);
    if (master == null) {
      throw CalendarStore.notFound();
    }
    if (master.cancelled()) {
      throw GoogleErrors.apiException(410, "deleted", "Resource has been deleted");
    }
    Instant timeMin = EventTimes.parameter(request, "timeMin");
    Instant timeMax = EventTimes.parameter(request, "timeMax");
    EventListing.Query query =
        new EventListing.Query(
            timeMin,
            timeMax,
            false,
            bool(request, "showDeleted", false),
            false,
            null,
            null,
            null,
            null,
            List.of(),
            List.of(),
            maxAttendees(request),
            eventId,
            EventTimes.parameter(request, "originalStart"));
    Events page =
        EventListing.page(
            entry,
            account.account.email(),
            query,
            store.now(),
            request.query("pageToken").orElse(null),
            maxResults(request, 250, 2500),
            false);
    return EventTimes.json(
        EventTimes.inZone(page, EventTimes.answerZone(request, entry.calendar.zone)));
  }

  private Response getEvent(Request request, AccountCalendars account) {
    Entry entry = account.require(request.pathVariable("calendarId"));
    ZoneId answerZone = EventTimes.answerZone(request, entry.calendar.zone);
    Event event =
        store
            .read(entry.calendar, request.pathVariable("eventId"))
            .orElseThrow(CalendarStore::notFound);
    return Conditions.get(
        request, event.getEtag(), () -> EventTimes.json(EventTimes.inZone(event, answerZone)));
  }

  private Response insertEvent(Request request, AccountCalendars account) {
    Entry entry = writableEntry(request, account);
    String sendUpdates = sendUpdates(request);
    StoredEvent stored =
        store.insert(entry.calendar, EventTimes.read(request), account.account.email());
    notify(entry, stored.event(), "insert", sendUpdates);
    return answer(entry, stored);
  }

  private Response updateEvent(Request request, AccountCalendars account) {
    Entry entry = writableEntry(request, account);
    String sendUpdates = sendUpdates(request);
    Event body = EventTimes.read(request);
    requireCurrent(request, entry);
    StoredEvent stored = store.update(entry.calendar, request.pathVariable("eventId"), body);
    notify(entry, stored.event(), "update", sendUpdates);
    return answer(entry, stored);
  }

  private Response patchEvent(Request request, AccountCalendars account) {
    Entry entry = writableEntry(request, account);
    String sendUpdates = sendUpdates(request);
    Event body = EventTimes.read(request);
    requireCurrent(request, entry);
    StoredEvent stored = store.patch(entry.calendar, request.pathVariable("eventId"), body);
    notify(entry, stored.event(), "patch", sendUpdates);
    return answer(entry, stored);
  }

  private Response deleteEvent(Request request, AccountCalendars account) {
    Entry entry = writableEntry(request, account);
    String sendUpdates = sendUpdates(request);
    requireCurrent(request, entry);
    StoredEvent stored = store.delete(entry.calendar, request.pathVariable("eventId"));
    notify(entry, stored.event(), "delete", sendUpdates);
    return Response.empty(204);
  }

  /** A written event as Google answers it: in the calendar's zone, with its ETag header. */
  private static Response answer(Entry entry, StoredEvent stored) {
    Event event = EventTimes.inZone(stored.event().clone(), entry.calendar.zone);
    return EventTimes.json(event).withHeader("ETag", event.getEtag());
  }

  /** Refuses a write whose If-Match names another version of the event (or instance). */
  private void requireCurrent(Request request, Entry entry) {
    Optional<String> ifMatch = request.header("If-Match");
    if (ifMatch.isPresent()) {
      Conditions.requireMatch(
          ifMatch.get(),
          store.read(entry.calendar, request.pathVariable("eventId")).map(Event::getEtag));
    }
  }

  private static Entry writableEntry(Request request, AccountCalendars account) {
    Entry entry = account.require(request.pathVariable("calendarId"));
    if (!entry.canWrite()) {
      throw GoogleErrors.apiException(
          403, "requiredAccessLevel", "You need to have writer access to this calendar.");
    }
    return entry;
  }

  /**
   * Records the invitation mails Google would send; counted in {@code calendar.notificationsSent}.
   */
  private void notify(Entry entry, Event event, String change, String sendUpdates) {
    if ("none".equals(sendUpdates) || event.getAttendees() == null) {
      return;
    }
    String organizerDomain = domain(entry.calendar.id);
    List<String> recipients = new ArrayList<>();
    for (EventAttendee attendee : event.getAttendees()) {
      String email = attendee.getEmail();
      if (Boolean.TRUE.equals(attendee.getOrganizer())
          || email.equalsIgnoreCase(entry.calendar.id)
          || ("externalOnly".equals(sendUpdates) && domain(email).equals(organizerDomain))) {
        continue;
      }
      recipients.add(email);
    }
    if (recipients.isEmpty()) {
      return;
    }
    context.stats().add("calendar.notificationsSent", recipients.size());
    notifications.add(
        Map.of(
            "calendarId",
            entry.calendar.id,
            "eventId",
            event.getId(),
            "change",
            change,
            "sendUpdates",
            sendUpdates,
            "recipients",
            List.copyOf(recipients),
            "at",
            store.now().toString()));
  }

  private static String domain(String email) {
    int at = email.indexOf('@');
    return at < 0 ? "" : email.substring(at + 1).toLowerCase(Locale.ROOT);
  }

  /** {@code all}, {@code externalOnly} or {@code none}; the deprecated flag maps onto them. */
  private static String sendUpdates(Request request) {
    Optional<String> value = request.query("sendUpdates");
    if (value.isPresent()) {
      if (!Set.of("all", "externalOnly", "none").contains(value.get())) {
        throw GoogleErrors.apiException(400, "invalid", "Invalid value for: sendUpdates");
      }
      return value.get();
    }
    return bool(request, "sendNotifications", false) ? "all" : "none";
  }

  // parameters

  private static boolean bool(Request request, String name, boolean fallback) {
    Optional<String> value = request.query(name);
    if (value.isEmpty()) {
      return fallback;
    }
    return switch (value.get()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw GoogleErrors.apiException(400, "invalid", "Invalid value for: " + name);
    };
  }

  private static int maxResults(Request request, int fallback, int max) {
    Optional<String> value = request.query("maxResults");
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value.get());
      if (number >= 1) {
        return Math.min(number, max);
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw GoogleErrors.apiException(400, "invalid", "Invalid value for: maxResults");
  }

  private static Integer maxAttendees(Request request) {
    Optional<String> value = request.query("maxAttendees");
    if (value.isEmpty()) {
      return null;
    }
    try {
      int number = Integer.parseInt(value.get());
      if (number >= 1) {
        return number;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw GoogleErrors.apiException(400, "invalid", "Invalid value for: maxAttendees");
  }
}
