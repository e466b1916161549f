package theo.calendar.approval;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import theo.approval.ApprovalView;
import theo.approval.Approvals;
import theo.auth.SignedInUser;
import theo.ratelimit.RateLimited;

/**
 * Calendar changes Theo proposes: {@code POST /events}, {@code PATCH} / {@code DELETE /events/{id}}
 * and {@code POST /events/{id}/respond} each answer 201 with an approval; nothing changes at Google
 * until it is approved through {@code /api/integrations/calendar/approvals/{id}}.
 */
@RestController
@RequestMapping("/api/integrations/calendar/events")
record CalendarActionController(Approvals approvals, Clock clock) {
  private static final Pattern EVENT_ID = Pattern.compile("^[A-Za-z0-9_-]{1,1024}$");
  private static final Set<String> RESPONSES = Set.of("accepted", "declined", "tentative");

  @PostMapping
  @RateLimited("calendarActions")
  ResponseEntity<Proposal> create(
      @RequestBody EventInput input,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
      @AuthenticationPrincipal SignedInUser user) {
    EventAction.Create payload = input.forCreate();
    return propose(
        user,
        CalendarApprovalExecutor.CREATE,
        payload,
        "Create “" + payload.details().title() + "” at " + payload.details().startsAt(),
        input.expiresInMinutes(),
        key);
  }

  @PatchMapping("/{eventId}")
  @RateLimited("calendarActions")
  ResponseEntity<Proposal> update(
      @PathVariable String eventId,
      @RequestBody EventInput input,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
      @AuthenticationPrincipal SignedInUser user) {
    return propose(
        user,
        CalendarApprovalExecutor.UPDATE,
        input.forUpdate(eventId(eventId)),
        "Change event " + eventId,
        input.expiresInMinutes(),
        key);
  }

  @DeleteMapping("/{eventId}")
  @RateLimited("calendarActions")
  ResponseEntity<Proposal> delete(
      @PathVariable String eventId,
      @RequestParam(required = false) @Nullable String calendarId,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
      @AuthenticationPrincipal SignedInUser user) {
    EventAction.Delete payload =
        new EventAction.Delete(EventInput.calendarId(calendarId), eventId(eventId), null, null);
    return propose(
        user, CalendarApprovalExecutor.DELETE, payload, "Delete event " + eventId, null, key);
  }

  @PostMapping("/{eventId}/respond")
  @RateLimited("calendarActions")
  ResponseEntity<Proposal> respond(
      @PathVariable String eventId,
      @RequestBody Response body,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
      @AuthenticationPrincipal SignedInUser user) {
    String response =
        body.response() == null ? "" : body.response().trim().toLowerCase(Locale.ROOT);
    if (!RESPONSES.contains(response)) {
      throw EventInput.invalid("response must be accepted, declined or tentative");
    }
    EventAction.Respond payload =
        new EventAction.Respond(
            EventInput.calendarId(body.calendarId()), eventId(eventId), response, null, null);
    return propose(
        user,
        CalendarApprovalExecutor.RESPOND,
        payload,
        "Answer " + response + " to event " + eventId,
        null,
        key);
  }

  private ResponseEntity<Proposal> propose(
      SignedInUser user,
      String actionType,
      EventAction payload,
      String summary,
      @Nullable Integer expiresInMinutes,
      @Nullable String key) {
    if (expiresInMinutes != null && expiresInMinutes < 1) {
      throw EventInput.invalid("expiresInMinutes must be at least 1");
    }
    if (key != null && (key.isBlank() || key.length() > 200)) {
      throw EventInput.invalid("Idempotency-Key must be 1 to 200 characters");
    }
    Approvals.Created created =
        approvals.create(
            new Approvals.Request(
                user.userId(),
                "calendar",
                actionType,
                payload,
                summary,
                expiresInMinutes == null ? null : Duration.ofMinutes(expiresInMinutes),
                key));
    return ResponseEntity.status(created.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(new Proposal(created.approval().id(), created.approval().view(clock.instant())));
  }

  private static String eventId(String id) {
    if (!EVENT_ID.matcher(id).matches()) {
      throw EventInput.invalid("Invalid event id");
    }
    return id;
  }

  /** The answer of every event endpoint: the approval it asks for. */
  record Proposal(UUID approvalId, ApprovalView approval) {}

  /** The body of POST /events/{id}/respond. */
  record Response(@Nullable String calendarId, @Nullable String response) {}
}
