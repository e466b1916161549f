package theo.calendar.approval;

import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import theo.approval.Approval;
import theo.approval.ApprovalExecutor;
import theo.approval.ApprovalPayload;
import theo.approval.ApprovalResult;
import theo.calendar.SyncedEvents;
import theo.platform.ConflictException;

/**
 * Calendar event changes behind an approval: nothing exists at Google until approved. Prepare
 * checks the event (for changes) and records conflicts; execute inserts with an id derived from the
 * approval, so even a repeated insert cannot create a second event.
 */
@Component
record CalendarApprovalExecutor(CalendarActionClient calendar, SyncedEvents syncedEvents)
    implements ApprovalExecutor {
  static final String CREATE = "event.create";
  static final String UPDATE = "event.update";
  static final String DELETE = "event.delete";
  static final String RESPOND = "event.respond";

  @Override
  public String integration() {
    return "calendar";
  }

  @Override
  public List<Action> actions() {
    return List.of(
        new Action(CREATE, EventAction.Create.class, EventAction.Result.Written.class),
        new Action(UPDATE, EventAction.Update.class, EventAction.Result.Written.class),
        new Action(DELETE, EventAction.Delete.class, EventAction.Result.Deleted.class),
        new Action(RESPOND, EventAction.Respond.class, EventAction.Result.Responded.class));
  }

  @Override
  public String capability() {
    return "canWrite";
  }

  /**
   * Adds what the person should see before deciding: the changed event as Google has it now, and
   * the events in the way of a new time.
   */
  @Override
  public Prepared prepare(UUID userId, ApprovalPayload payload) {
    if (payload instanceof EventAction.Create create) {
      return new Prepared(
          null,
          create.withConflicts(conflicts(userId, create.calendarId(), null, create.details())));
    }
    if (payload instanceof EventAction.Update update) {
      EventAction.Current current = current(userId, update.calendarId(), update.eventId());
      List<EventAction.Conflict> conflicts =
          update.details().startsAt() == null
              ? null
              : conflicts(userId, update.calendarId(), update.eventId(), update.details());
      return new Prepared(update.eventId(), update.prepared(current, conflicts));
    }
    if (payload instanceof EventAction.Delete delete) {
      return new Prepared(
          delete.eventId(),
          delete.prepared(current(userId, delete.calendarId(), delete.eventId())));
    }
    EventAction.Respond respond = (EventAction.Respond) payload;
    return new Prepared(
        respond.eventId(),
        respond.prepared(current(userId, respond.calendarId(), respond.eventId())));
  }

  private EventAction.Current current(UUID userId, String calendarId, String eventId) {
    Event current = calendar.get(userId, calendarId, eventId);
    return new EventAction.Current(
        current.getSummary(),
        CalendarActionClient.instant(current.getStart()).map(Instant::toString).orElse(null));
  }

  private List<EventAction.Conflict> conflicts(
      UUID userId, String calendarId, @Nullable String except, EventDetails details) {
    return conflicts(
        userId, calendarId, except, instant(details.startsAt()), instant(details.endsAt()));
  }

  /**
   * Events in the way of {@code [start, end)}: the target calendar as Google has it now (fresher
   * than the last sync), plus every other synced calendar of the person. The changed event itself
   * (and its series) never conflicts with itself.
   */
  private List<EventAction.Conflict> conflicts(
      UUID userId, String calendarId, @Nullable String except, Instant start, Instant end) {
    Map<String, EventAction.Conflict> conflicts = new LinkedHashMap<>();
    for (Event event : calendar.overlapping(userId, calendarId, start, end)) {
      if (!isSelf(event.getId(), event.getRecurringEventId(), except)) {
        conflicts.put(
            calendarId + "\n" + event.getId(),
            conflict(
                calendarId,
                event.getId(),
                event.getSummary(),
                CalendarActionClient.instant(event.getStart()).orElse(null),
                CalendarActionClient.instant(event.getEnd()).orElse(null)));
      }
    }
    for (SyncedEvents.Overlap event : syncedEvents.overlapping(userId, calendarId, start, end)) {
      if (!isSelf(event.eventId(), event.recurringEventId(), except)) {
        conflicts.putIfAbsent(
            event.calendarId() + "\n" + event.eventId(),
            conflict(
                event.calendarId(),
                event.eventId(),
                event.title(),
                event.startsAt(),
                event.endsAt()));
      }
    }
    return new ArrayList<>(conflicts.values());
  }

  private static boolean isSelf(
      String id, @Nullable String recurringEventId, @Nullable String except) {
    return except != null && (except.equals(id) || except.equals(recurringEventId));
  }

  private static EventAction.Conflict conflict(
      String calendarId,
      String id,
      @Nullable String title,
      @Nullable Instant startsAt,
      @Nullable Instant endsAt) {
    return new EventAction.Conflict(
        calendarId,
        id,
        title,
        startsAt == null ? null : startsAt.toString(),
        endsAt == null ? null : endsAt.toString());
  }

  private static Instant instant(@Nullable String text) {
    if (text == null) {
      throw new IllegalArgumentException("A proposed time has a start and an end");
    }
    return text.length() == 10 ? Instant.parse(text + "T00:00:00Z") : Instant.parse(text);
  }

  @Override
  public ApprovalResult execute(Approval approval) {
    UUID userId = approval.userId();
    ApprovalPayload payload = approval.payload();
    if (payload instanceof EventAction.Create create) {
      Event event = EventInput.event(create.details());
      // Google accepts client ids of base32hex characters; a UUID's hex digits are that.
      event.setId(approval.id().toString().replace("-", ""));
      Event created =
          calendar.insert(userId, create.calendarId(), event, create.details().sendUpdates());
      return new EventAction.Result.Written(created.getId(), created.getHtmlLink());
    }
    if (payload instanceof EventAction.Update update) {
      Event patched =
          calendar.patch(
              userId,
              update.calendarId(),
              update.eventId(),
              EventInput.event(update.details()),
              update.details().sendUpdates());
      return new EventAction.Result.Written(patched.getId(), patched.getHtmlLink());
    }
    if (payload instanceof EventAction.Delete delete) {
      calendar.delete(userId, delete.calendarId(), delete.eventId(), "all");
      return new EventAction.Result.Deleted(delete.eventId(), true);
    }
    EventAction.Respond respond = (EventAction.Respond) payload;
    respond(userId, respond);
    return new EventAction.Result.Responded(respond.eventId(), respond.response());
  }

  private void respond(UUID userId, EventAction.Respond respond) {
    Event current = calendar.get(userId, respond.calendarId(), respond.eventId());
    List<EventAttendee> attendees =
        current.getAttendees() == null ? List.of() : current.getAttendees();
    EventAttendee self =
        attendees.stream()
            .filter(a -> Boolean.TRUE.equals(a.getSelf()))
            .findFirst()
            .orElseThrow(
                () ->
                    new ConflictException("NOT_AN_ATTENDEE", "You are not invited to this event"));
    self.setResponseStatus(respond.response());
    calendar.patch(
        userId,
        respond.calendarId(),
        respond.eventId(),
        new Event().setAttendees(attendees),
        "all");
  }

  @Override
  public void discard(Approval approval) {
    // Nothing exists at Google before approval.
  }
}
