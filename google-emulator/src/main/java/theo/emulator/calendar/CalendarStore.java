package theo.emulator.calendar;

import com.google.api.client.util.Data;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.api.services.calendar.model.EventReminder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import theo.emulator.Account;
import theo.emulator.http.GoogleErrors;

/**
 * The emulator's calendars and events, with each account's calendar list. Every change bumps the
 * calendar's sequence, which is what sync tokens count. Callers hold the store's monitor ({@code
 * synchronized (store)}) around every read and write.
 */
final class CalendarStore {
  private static final Pattern EVENT_ID = Pattern.compile("[a-v0-9]{5,1024}");
  private static final String ID_ALPHABET = "abcdefghijklmnopqrstuv0123456789";

  private final Clock clock;
  private final Map<String, CalendarData> calendars = new HashMap<>();
  private final Map<String, AccountCalendars> accounts = new HashMap<>();
  private final Random ids = new Random();
  private ChangeListener listener = ChangeListener.NONE;
  private int quiet;
  private final Set<String> quietCalendars = new LinkedHashSet<>();
  private final Set<String> quietLists = new LinkedHashSet<>();

  CalendarStore(Clock clock) {
    this.clock = clock;
  }

  /** Told of every change to a calendar's events and to an account's calendar list. */
  interface ChangeListener {
    ChangeListener NONE =
        new ChangeListener() {
          @Override
          public void calendarChanged(String calendarId) {}

          @Override
          public void calendarListChanged(String email) {}
        };

    void calendarChanged(String calendarId);

    void calendarListChanged(String email);
  }

  synchronized void listener(ChangeListener newListener) {
    this.listener = Objects.requireNonNull(newListener);
  }

  /**
   * Runs a bulk change (the generator) telling the listener once per changed calendar and list at
   * the end instead of once per event.
   */
  synchronized <T> T quietly(java.util.function.Supplier<T> bulk) {
    quiet++;
    try {
      return bulk.get();
    } finally {
      if (--quiet == 0) {
        List<String> calendarsChanged = new ArrayList<>(quietCalendars);
        List<String> listsChanged = new ArrayList<>(quietLists);
        quietCalendars.clear();
        quietLists.clear();
        calendarsChanged.forEach(listener::calendarChanged);
        listsChanged.forEach(listener::calendarListChanged);
      }
    }
  }

  private void calendarChanged(String calendarId) {
    if (quiet > 0) {
      quietCalendars.add(calendarId);
    } else {
      listener.calendarChanged(calendarId);
    }
  }

  private void calendarListChanged(String email) {
    if (quiet > 0) {
      quietLists.add(email);
    } else {
      listener.calendarListChanged(email);
    }
  }

  Instant now() {
    return clock.instant();
  }

  /** Creates the account's calendar list with its primary calendar (id = the email). */
  synchronized void createAccount(Account account) {
    AccountCalendars calendarsOfAccount =
        new AccountCalendars(account, () -> calendarListChanged(account.email()));
    accounts.put(account.email(), calendarsOfAccount);
    CalendarData primary =
        calendars.computeIfAbsent(
            account.email(),
            id -> new CalendarData(id, account.email(), "UTC", now(), this::calendarChanged));
    calendarsOfAccount.add(primary, "owner", true, "#9fe1e7");
  }

  synchronized Optional<AccountCalendars> account(String email) {
    return Optional.ofNullable(
        email == null ? null : accounts.get(email.trim().toLowerCase(Locale.ROOT)));
  }

  /** A calendar by id, created empty when new (shared calendars are one object for everyone). */
  CalendarData calendar(String id, String summary, String timeZone) {
    return calendars.computeIfAbsent(
        id, key -> new CalendarData(key, summary, timeZone, now(), this::calendarChanged));
  }

  void forgetCalendar(String id) {
    boolean used = accounts.values().stream().anyMatch(account -> account.entries.containsKey(id));
    if (!used) {
      calendars.remove(id);
    }
  }

  /** Stores a new event resource, filling in what Google fills in. */
  StoredEvent insert(CalendarData calendar, Event event, String creatorEmail) {
    String id = event.getId();
    if (id == null) {
      id = newId();
    } else if (!EVENT_ID.matcher(id).matches()) {
      throw GoogleErrors.apiException(400, "invalid", "Invalid resource id value.");
    }
    if (calendar.events.containsKey(id)) {
      throw GoogleErrors.apiException(409, "duplicate", "The requested identifier already exists.");
    }
    event.setId(id);
    Instant now = now();
    event.setKind("calendar#event");
    event.setCreated(new DateTime(now.toEpochMilli()));
    if (event.getStatus() == null) {
      event.setStatus("confirmed");
    }
    event.setHtmlLink("https://www.google.com/calendar/event?eid=" + id);
    if (event.getICalUID() == null) {
      event.setICalUID(id + "@google.com");
    }
    event.setCreator(new Event.Creator().setEmail(creatorEmail));
    event.setOrganizer(
        new Event.Organizer()
            .setEmail(calendar.id)
            .setDisplayName(calendar.id.equals(creatorEmail) ? null : calendar.summary)
            .setSelf(Boolean.TRUE));
    event.setSequence(event.getSequence() == null ? 0 : event.getSequence());
    if (event.getReminders() == null) {
      event.setReminders(new Event.Reminders().setUseDefault(true));
    }
    if (event.getEventType() == null) {
      event.setEventType("default");
    }
    normaliseAttendees(event, calendar.id);
    validate(event, calendar.zone);
    long seq = calendar.bump(now);
    stamp(event, now, seq);
    StoredEvent stored = new StoredEvent(event, seq, calendar.zone);
    calendar.events.put(id, stored);
    return stored;
  }

  /** The stored resource with this id, or the instance of a series when the id names one. */
  Optional<Event> read(CalendarData calendar, String eventId) {
    StoredEvent stored = calendar.events.get(eventId);
    if (stored != null) {
      return Optional.of(stored.event().clone());
    }
    return findOccurrence(calendar, eventId)
        .map(found -> found.master().instance(found.occurrence()));
  }

  /**
   * The stored resource to change; an instance id of a series becomes a new exception resource
   * first, as Google does when one instance is edited.
   */
  StoredEvent writable(CalendarData calendar, String eventId) {
    StoredEvent stored = calendar.events.get(eventId);
    if (stored != null) {
      return stored;
    }
    MasterOccurrence found = findOccurrence(calendar, eventId).orElseThrow(CalendarStore::notFound);
    if (found.master().cancelled()) {
      throw GoogleErrors.apiException(410, "deleted", "Resource has been deleted");
    }
    Event instance = found.master().instance(found.occurrence());
    long seq = calendar.bump(now());
    stamp(instance, now(), seq);
    StoredEvent exception = new StoredEvent(instance, seq, calendar.zone);
    calendar.events.put(instance.getId(), exception);
    return exception;
  }

  /** Replaces an event's writable fields (events.update); read-only ones keep their values. */
  StoredEvent update(CalendarData calendar, String eventId, Event body) {
    StoredEvent stored = writable(calendar, eventId);
    Event current = stored.event();
    Event next = body.clone();
    keepReadOnly(current, next);
    return save(calendar, stored, next);
  }

  /** Merges the fields present in {@code patch} (JSON null clears one) into the event. */
  StoredEvent patch(CalendarData calendar, String eventId, Event patch) {
    StoredEvent stored = writable(calendar, eventId);
    Event current = stored.event();
    Event next = current.clone();
    for (Map.Entry<String, Object> field : patch.entrySet()) {
      next.set(field.getKey(), Data.isNull(field.getValue()) ? null : field.getValue());
    }
    keepReadOnly(current, next);
    return save(calendar, stored, next);
  }

  /** Marks the event cancelled (a series with all its exceptions); gone events answer 410. */
  StoredEvent delete(CalendarData calendar, String eventId) {
    StoredEvent stored = writable(calendar, eventId);
    if (stored.cancelled()) {
      throw GoogleErrors.apiException(410, "deleted", "Resource has been deleted");
    }
    Event next = stored.event().clone();
    next.setStatus("cancelled");
    StoredEvent saved = save(calendar, stored, next);
    if (stored.recurring()) {
      for (StoredEvent exception : new ArrayList<>(calendar.events.values())) {
        if (eventId.equals(exception.event().getRecurringEventId()) && !exception.cancelled()) {
          save(calendar, exception, exception.event().clone().setStatus("cancelled"));
        }
      }
    }
    return saved;
  }

  private StoredEvent save(CalendarData calendar, StoredEvent stored, Event next) {
    Event current = stored.event();
    normaliseAttendees(next, calendar.id);
    if (!"cancelled".equals(next.getStatus())) {
      validate(next, calendar.zone);
    }
    if (!Objects.equals(current.getStart(), next.getStart())
        || !Objects.equals(current.getEnd(), next.getEnd())
        || !Objects.equals(current.getRecurrence(), next.getRecurrence())) {
      next.setSequence((current.getSequence() == null ? 0 : current.getSequence()) + 1);
    }
    Instant now = now();
    long seq = calendar.bump(now);
    stamp(next, now, seq);
    stored.replace(next, seq, calendar.zone);
    return stored;
  }

  private static void keepReadOnly(Event current, Event next) {
    next.setId(current.getId());
    next.setKind("calendar#event");
    next.setCreated(current.getCreated());
    next.setCreator(current.getCreator());
    next.setOrganizer(current.getOrganizer());
    next.setHtmlLink(current.getHtmlLink());
    next.setICalUID(current.getICalUID());
    next.setRecurringEventId(current.getRecurringEventId());
    next.setOriginalStartTime(current.getOriginalStartTime());
    next.setSequence(current.getSequence());
    if (next.getStatus() == null) {
      next.setStatus("confirmed");
    }
    if (next.getEventType() == null) {
      next.setEventType(current.getEventType());
    }
  }

  private static void stamp(Event event, Instant now, long seq) {
    event.setUpdated(new DateTime(now.toEpochMilli()));
    event.setEtag("\"" + (now.toEpochMilli() * 1000 + seq % 1000) + "\"");
  }

  /** Google's checks on an event's times and recurrence, with Google's messages. */
  static void validate(Event event, ZoneId calendarZone) {
    EventDateTime start = event.getStart();
    EventDateTime end = event.getEnd();
    if (start == null || (start.getDate() == null && start.getDateTime() == null)) {
      throw GoogleErrors.apiException(400, "required", "Missing start time.");
    }
    if (end == null || (end.getDate() == null && end.getDateTime() == null)) {
      throw GoogleErrors.apiException(400, "required", "Missing end time.");
    }
    if ((start.getDate() == null) != (end.getDate() == null)) {
      throw GoogleErrors.apiException(
          400, "invalid", "Start and end times must either both be date or both be dateTime.");
    }
    ZoneId zone = StoredEvent.zoneOf(start, calendarZone);
    StoredEvent.zoneOf(end, calendarZone);
    if (!StoredEvent.instant(end, zone).isAfter(StoredEvent.instant(start, zone))) {
      throw GoogleErrors.apiException(400, "timeRangeEmpty", "The specified time range is empty.");
    }
    if (event.getRecurrence() != null && !event.getRecurrence().isEmpty()) {
      if (start.getDateTime() != null && start.getTimeZone() == null) {
        throw GoogleErrors.apiException(
            400, "required", "Missing time zone definition for start time.");
      }
      try {
        Recurrence.parse(
            event.getRecurrence(),
            java.time.LocalDateTime.ofInstant(StoredEvent.instant(start, zone), zone),
            zone,
            start.getDate() != null);
      } catch (IllegalArgumentException e) {
        throw GoogleErrors.apiException(400, "invalid", "Invalid recurrence rule.");
      }
    }
    if (event.getAttendees() != null) {
      for (EventAttendee attendee : event.getAttendees()) {
        if (attendee.getEmail() == null || !attendee.getEmail().contains("@")) {
          throw GoogleErrors.apiException(400, "invalid", "Invalid attendee email.");
        }
      }
    }
  }

  private static void normaliseAttendees(Event event, String organizerEmail) {
    // stored resources are cloned on every read; Google's deep clone needs mutable lists
    if (event.getRecurrence() != null) {
      event.setRecurrence(new ArrayList<>(event.getRecurrence()));
    }
    if (event.getAttendees() == null) {
      return;
    }
    event.setAttendees(new ArrayList<>(event.getAttendees()));
    for (EventAttendee attendee : event.getAttendees()) {
      if (attendee.getResponseStatus() == null) {
        attendee.setResponseStatus("needsAction");
      }
      if (attendee.getEmail() != null && attendee.getEmail().equalsIgnoreCase(organizerEmail)) {
        attendee.setOrganizer(true);
        attendee.setSelf(true);
      }
    }
  }

  private Optional<MasterOccurrence> findOccurrence(CalendarData calendar, String instanceId) {
    int underscore = instanceId.lastIndexOf('_');
    if (underscore <= 0) {
      return Optional.empty();
    }
    StoredEvent master = calendar.events.get(instanceId.substring(0, underscore));
    if (master == null || !master.recurring()) {
      return Optional.empty();
    }
    return master
        .occurrence(instanceId)
        .map(occurrence -> new MasterOccurrence(master, occurrence));
  }

  String newId() {
    return randomId(ids);
  }

  /** 26 characters of base32hex, the alphabet Google allows in event ids. */
  static String randomId(Random random) {
    StringBuilder id = new StringBuilder(26);
    for (int i = 0; i < 26; i++) {
      id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
    }
    return id.toString();
  }

  static RuntimeException notFound() {
    return GoogleErrors.apiException(404, "notFound", "Not Found");
  }

  private record MasterOccurrence(StoredEvent master, StoredEvent.Occurrence occurrence) {}

  /** One calendar: its metadata, its event resources and the sequence of its changes. */
  static final class CalendarData {
    final String id;
    String summary;
    String description;
    String timeZone;
    ZoneId zone;
    final Map<String, StoredEvent> events = new LinkedHashMap<>();
    long sequence;
    Instant updated;
    Object listingCache;
    private final java.util.function.Consumer<String> changes;

    CalendarData(
        String id,
        String summary,
        String timeZone,
        Instant created,
        java.util.function.Consumer<String> changes) {
      this.id = id;
      this.changes = changes;
      this.summary = summary;
      this.timeZone = timeZone;
      this.zone = ZoneId.of(timeZone);
      this.updated = created;
    }

    long bump(Instant now) {
      updated = now;
      changes.accept(id);
      return ++sequence;
    }
  }

  /** A calendar as one account sees it in its calendar list. */
  static final class Entry {
    final CalendarData calendar;
    String accessRole;
    final boolean primary;
    boolean hidden;
    boolean selected = true;
    boolean deleted;
    String backgroundColor;
    long changeSeq;
    int epoch;

    Entry(CalendarData calendar, String accessRole, boolean primary, String backgroundColor) {
      this.calendar = calendar;
      this.accessRole = accessRole;
      this.primary = primary;
      this.backgroundColor = backgroundColor;
    }

    boolean canWrite() {
      return "owner".equals(accessRole) || "writer".equals(accessRole);
    }

    /** What Google answers as the calendar's default reminders for this account. */
    List<EventReminder> defaultReminders() {
      return canWrite()
          ? List.of(new EventReminder().setMethod("popup").setMinutes(10))
          : List.of();
    }
  }

  /** One account's calendar list, with its own sequence for calendarList sync tokens. */
  static final class AccountCalendars {
    final Account account;
    final Map<String, Entry> entries = new LinkedHashMap<>();
    long listSequence;
    int listEpoch;
    private final Runnable listChanges;

    AccountCalendars(Account account, Runnable listChanges) {
      this.account = account;
      this.listChanges = listChanges;
    }

    /** Records a change of the calendar list (for sync tokens and watch channels). */
    long bumpList() {
      listChanges.run();
      return ++listSequence;
    }

    Entry add(CalendarData calendar, String role, boolean primary, String color) {
      Entry entry = new Entry(calendar, role, primary, color);
      entry.changeSeq = bumpList();
      entries.put(calendar.id, entry);
      return entry;
    }

    /** {@code primary} or a calendar id of this account's list. */
    Optional<Entry> find(String calendarId) {
      String id = "primary".equals(calendarId) ? account.email() : calendarId;
      Entry entry = entries.get(id);
      return entry == null || entry.deleted ? Optional.empty() : Optional.of(entry);
    }

    Entry require(String calendarId) {
      return find(calendarId).orElseThrow(CalendarStore::notFound);
    }

    /** Makes every sync token of this account (or of one calendar) answer 410. */
    void invalidate(String calendarId) {
      if (calendarId == null) {
        listEpoch++;
        entries.values().forEach(entry -> entry.epoch++);
      } else {
        require(calendarId).epoch++;
      }
    }

    List<Entry> list() {
      return new ArrayList<>(entries.values());
    }
  }
}
