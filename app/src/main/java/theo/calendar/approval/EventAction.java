package theo.calendar.approval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.jspecify.annotations.Nullable;
import theo.approval.ApprovalPayload;
import theo.approval.ApprovalResult;

/**
 * The payloads of Calendar's approvals, one record per action type. Fields not given are left out
 * of the JSON; {@code current*} describe the event as Google had it when the change was proposed,
 * {@code conflicts} the events in the way of the new time.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
sealed interface EventAction extends ApprovalPayload
    permits EventAction.Create, EventAction.Update, EventAction.Delete, EventAction.Respond {

  String calendarId();

  /** {@code event.create}: a new event. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Create(
      String calendarId, @JsonUnwrapped EventDetails details, @Nullable List<Conflict> conflicts)
      implements EventAction {

    Create withConflicts(List<Conflict> conflicts) {
      return new Create(calendarId, details, conflicts);
    }
  }

  /** {@code event.update}: the fields to change of an existing event. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Update(
      String calendarId,
      @JsonUnwrapped EventDetails details,
      String eventId,
      @Nullable String currentTitle,
      @Nullable String currentStartsAt,
      @Nullable List<Conflict> conflicts)
      implements EventAction {

    Update prepared(Current current, @Nullable List<Conflict> conflicts) {
      return new Update(
          calendarId, details, eventId, current.title(), current.startsAt(), conflicts);
    }
  }

  /** {@code event.delete}: removes an event (its whole series). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Delete(
      String calendarId,
      String eventId,
      @Nullable String currentTitle,
      @Nullable String currentStartsAt)
      implements EventAction {

    Delete prepared(Current current) {
      return new Delete(calendarId, eventId, current.title(), current.startsAt());
    }
  }

  /** {@code event.respond}: the person's answer to an invitation. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Respond(
      String calendarId,
      String eventId,
      String response,
      @Nullable String currentTitle,
      @Nullable String currentStartsAt)
      implements EventAction {

    Respond prepared(Current current) {
      return new Respond(calendarId, eventId, response, current.title(), current.startsAt());
    }
  }

  /** The changed event as Google has it before the change. */
  record Current(@Nullable String title, @Nullable String startsAt) {}

  /** An event in the way of the proposed time. */
  record Conflict(
      String calendarId,
      String id,
      @Nullable String title,
      @Nullable String startsAt,
      @Nullable String endsAt) {}

  /** What an executed Calendar approval did. */
  sealed interface Result extends ApprovalResult
      permits Result.Written, Result.Deleted, Result.Responded {

    /** An event created or changed. */
    record Written(String eventId, @Nullable String htmlLink) implements Result {}

    /** An event deleted. */
    record Deleted(String eventId, boolean deleted) implements Result {}

    /** An invitation answered. */
    record Responded(String eventId, String response) implements Result {}
  }
}
