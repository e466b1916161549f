package theo.emulator.calendar;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import theo.emulator.calendar.CalendarStore.CalendarData;
import theo.emulator.calendar.CalendarStore.Entry;

/**
 * Answers events.list and events.instances for one calendar: filters, expands series into
 * instances, orders by a string sort key and pages with the key of the last item served.
 */
final class EventListing {
  /** Open-ended series expand this far past now (or past timeMin), as a finite stand-in. */
  static final Duration HORIZON = Duration.ofDays(730);

  /** Keeps every plausible epoch-milli sort key at 19 digits, so keys compare as strings. */
  private static final long KEY_OFFSET = 2_000_000_000_000_000_000L;

  /** What to list; {@code sinceSeq} is set for an incremental sync. */
  record Query(
      Instant timeMin,
      Instant timeMax,
      boolean singleEvents,
      boolean showDeleted,
      boolean orderByUpdated,
      String q,
      Instant updatedMin,
      String iCalUID,
      Long sinceSeq,
      List<String> privateProperties,
      List<String> sharedProperties,
      Integer maxAttendees,
      String masterId,
      Instant originalStart) {}

  private record Item(String key, StoredEvent stored, StoredEvent.Occurrence occurrence) {}

  private EventListing() {}

  /** Every item the query selects, unordered (used by the admin summary too). */
  static List<Event> all(CalendarData calendar, Query query, Instant now) {
    List<Event> events = new ArrayList<>();
    for (Item item : items(calendar, query, now, null)) {
      events.add(materialise(item, query, "owner"));
    }
    return events;
  }

  static int count(CalendarData calendar, Query query, Instant now) {
    return items(calendar, query, now, null).size();
  }

  /** One page of the answer, with nextPageToken or (on the last page) nextSyncToken. */
  static Events page(
      Entry entry,
      String email,
      Query query,
      Instant now,
      String pageToken,
      int maxResults,
      boolean withSyncToken) {
    CalendarData calendar = entry.calendar;
    Tokens.PagePosition position =
        pageToken == null
            ? new Tokens.PagePosition(calendar.sequence, "")
            : Tokens.readPage(pageToken);
    List<Item> sorted = sortedItems(calendar, query, now);
    List<Item> items = sorted.subList(firstAfter(sorted, position.after()), sorted.size());
    Events page = new Events();
    page.setKind("calendar#events");
    page.setEtag("\"" + calendar.updated.toEpochMilli() * 1000 + "\"");
    page.setSummary(calendar.summary);
    if (calendar.description != null) {
      page.setDescription(calendar.description);
    }
    page.setUpdated(new DateTime(calendar.updated.toEpochMilli()));
    page.setTimeZone(calendar.timeZone);
    page.setAccessRole(entry.accessRole);
    page.setDefaultReminders(entry.defaultReminders());
    List<Event> served = new ArrayList<>();
    for (Item item : items.subList(0, Math.min(maxResults, items.size()))) {
      served.add(materialise(item, query, entry.accessRole));
    }
    page.setItems(served);
    if (items.size() > maxResults) {
      page.setNextPageToken(Tokens.page(position.snapshot(), items.get(maxResults - 1).key()));
    } else if (withSyncToken) {
      page.setNextSyncToken(Tokens.sync(email, calendar.id, entry.epoch, position.snapshot()));
    }
    return page;
  }

  /**
   * The query's items in key order; the last answer per calendar is kept until the calendar
   * changes, so paging through a large expansion does not expand it again for every page.
   */
  private static List<Item> sortedItems(CalendarData calendar, Query query, Instant now) {
    if (calendar.listingCache instanceof CachedListing cached
        && cached.sequence() == calendar.sequence
        && cached.query().equals(query)) {
      return cached.items();
    }
    List<Item> items = items(calendar, query, now, null);
    items.sort((a, b) -> a.key().compareTo(b.key()));
    calendar.listingCache = new CachedListing(calendar.sequence, query, items);
    return items;
  }

  private static int firstAfter(List<Item> sorted, String after) {
    int low = 0;
    int high = sorted.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (sorted.get(middle).key().compareTo(after) <= 0) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  private record CachedListing(long sequence, Query query, List<Item> items) {}

  private static List<Item> items(CalendarData calendar, Query query, Instant now, String after) {
    Instant base = query.timeMin() != null && query.timeMin().isAfter(now) ? query.timeMin() : now;
    Instant horizon = query.timeMax() != null ? query.timeMax() : base.plus(HORIZON);
    boolean incremental = query.sinceSeq() != null;
    boolean includeDeleted = query.showDeleted() || incremental || query.updatedMin() != null;
    List<Item> items = new ArrayList<>();
    for (StoredEvent stored : calendar.events.values()) {
      Event event = stored.event();
      if (incremental && stored.changeSeq() <= query.sinceSeq()) {
        continue;
      }
      if (query.masterId() != null
          && !query.masterId().equals(event.getRecurringEventId())
          && !(query.masterId().equals(stored.id()))) {
        continue;
      }
      if (!matches(stored, query)) {
        continue;
      }
      boolean cancelled = stored.cancelled();
      if (stored.recurring() && (query.singleEvents() || query.masterId() != null)) {
        if (cancelled) {
          if (includeDeleted && query.masterId() == null) {
            add(items, new Item(key(stored, null, query), stored, null), after);
          }
          continue;
        }
        stored.occurrences(
            query.timeMin(),
            horizon,
            occurrence -> {
              if (!calendar.events.containsKey(occurrence.instanceId())
                  && (query.originalStart() == null
                      || query.originalStart().equals(occurrence.start()))) {
                add(items, new Item(key(stored, occurrence, query), stored, occurrence), after);
              }
              return true;
            });
        continue;
      }
      if (query.masterId() != null && stored.id().equals(query.masterId())) {
        continue; // a non-recurring event has no instances
      }
      if (cancelled) {
        // Google keeps cancelled instances of a series in non-expanded lists even without
        // showDeleted, so clients learn which occurrences are gone
        boolean cancelledInstance = stored.exception() && !query.singleEvents();
        if (!includeDeleted && !(cancelledInstance && query.masterId() == null)) {
          continue;
        }
      }
      if (query.originalStart() != null
          && (event.getOriginalStartTime() == null
              || !query
                  .originalStart()
                  .equals(StoredEvent.instant(event.getOriginalStartTime(), calendar.zone)))) {
        continue;
      }
      if (!incremental && !stored.anyOverlap(query.timeMin(), query.timeMax(), horizon)) {
        continue;
      }
      add(items, new Item(key(stored, null, query), stored, null), after);
    }
    return items;
  }

  private static void add(List<Item> items, Item item, String after) {
    if (after == null || item.key().compareTo(after) > 0) {
      items.add(item);
    }
  }

  private static String key(StoredEvent stored, StoredEvent.Occurrence occurrence, Query query) {
    long millis;
    if (query.orderByUpdated()) {
      millis = stored.updated().toEpochMilli();
    } else {
      millis = (occurrence != null ? occurrence.start() : stored.start()).toEpochMilli();
    }
    String id = occurrence != null ? occurrence.instanceId() : stored.id();
    return (millis + KEY_OFFSET) + "|" + id;
  }

  private static boolean matches(StoredEvent stored, Query query) {
    Event event = stored.event();
    if (query.updatedMin() != null && stored.updated().isBefore(query.updatedMin())) {
      return false;
    }
    if (query.iCalUID() != null && !query.iCalUID().equals(event.getICalUID())) {
      return false;
    }
    if (!properties(
            event.getExtendedProperties() == null
                ? null
                : event.getExtendedProperties().getPrivate(),
            query.privateProperties())
        || !properties(
            event.getExtendedProperties() == null
                ? null
                : event.getExtendedProperties().getShared(),
            query.sharedProperties())) {
      return false;
    }
    if (query.q() != null && !query.q().isBlank()) {
      StringBuilder text = new StringBuilder();
      text.append(event.getSummary()).append(' ').append(event.getDescription()).append(' ');
      text.append(event.getLocation()).append(' ');
      if (event.getAttendees() != null) {
        for (EventAttendee attendee : event.getAttendees()) {
          text.append(attendee.getEmail()).append(' ').append(attendee.getDisplayName());
          text.append(' ');
        }
      }
      String haystack = text.toString().toLowerCase(Locale.ROOT);
      for (String term : query.q().toLowerCase(Locale.ROOT).split("\\s+")) {
        if (!term.isEmpty() && !haystack.contains(term)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean properties(Map<String, String> values, List<String> wanted) {
    for (String pair : wanted) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("Invalid extended property constraint: " + pair);
      }
      if (values == null || !pair.substring(eq + 1).equals(values.get(pair.substring(0, eq)))) {
        return false;
      }
    }
    return true;
  }

  private static Event materialise(Item item, Query query, String accessRole) {
    StoredEvent stored = item.stored();
    Event source = stored.event();
    if (item.occurrence() == null && stored.cancelled()) {
      // Google only promises the id of deleted events; cancelled instances keep their identity
      Event gone =
          new Event()
              .setKind("calendar#event")
              .setEtag(source.getEtag())
              .setId(source.getId())
              .setStatus("cancelled")
              .setUpdated(source.getUpdated());
      if (source.getRecurringEventId() != null) {
        gone.setRecurringEventId(source.getRecurringEventId());
        gone.setOriginalStartTime(source.getOriginalStartTime());
      }
      return gone;
    }
    Event event = item.occurrence() != null ? stored.instance(item.occurrence()) : source.clone();
    if ("freeBusyReader".equals(accessRole)) {
      return new Event()
          .setKind("calendar#event")
          .setEtag(event.getEtag())
          .setId(event.getId())
          .setStatus(event.getStatus())
          .setStart(event.getStart())
          .setEnd(event.getEnd())
          .setRecurringEventId(event.getRecurringEventId())
          .setOriginalStartTime(event.getOriginalStartTime())
          .setUpdated(event.getUpdated());
    }
    Integer maxAttendees = query.maxAttendees();
    if (maxAttendees != null
        && event.getAttendees() != null
        && event.getAttendees().size() > maxAttendees) {
      event.setAttendees(new ArrayList<>(event.getAttendees().subList(0, maxAttendees)));
      event.setAttendeesOmitted(true);
    }
    return event;
  }
}
