package theo.gmail;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import theo.auth.ScopeUpgrade;
import theo.auth.Scopes;
import theo.auth.SignedInUser;
import theo.gmail.GmailRepository.LabelView;
import theo.gmail.GmailRepository.MessageCursor;
import theo.gmail.GmailRepository.MessageFilter;
import theo.gmail.GmailRepository.MessagePage;
import theo.gmail.GmailRepository.MessageSummary;
import theo.gmail.GmailRepository.ThreadMessage;
import theo.platform.GoogleDates;
import theo.platform.InvalidInputException;
import theo.platform.ListRequests;
import theo.platform.NotFoundException;
import theo.platform.TextRules;
import theo.ratelimit.RateLimited;
import tools.jackson.databind.JsonNode;

/** The synced mailbox for the Gmail pages: labels (and which to show), messages and threads. */
@RestController
@RequestMapping("/api/integrations/gmail")
record GmailController(
    GmailRepository mailbox,
    GmailSyncStateRepository syncState,
    ScopeUpgrade scopeUpgrade,
    Clock clock) {
  static final int MAX_LIMIT = 100;
  static final int MAX_AGE_DAYS = 36_500;

  @GetMapping("/labels")
  @RateLimited("gmailMessages")
  LabelList labels(@AuthenticationPrincipal SignedInUser user) {
    UUID userId = connected(user);
    return new LabelList(mailbox.labels(userId));
  }

  @PutMapping("/labels/{id}")
  @RateLimited("gmailMessages")
  LabelView selectLabel(
      @AuthenticationPrincipal SignedInUser user,
      @PathVariable String id,
      @RequestBody LabelSelection selection) {
    UUID userId = connected(user);
    if (selection == null || selection.selected() == null) {
      throw badRequest("selected must be true or false");
    }
    if (!mailbox.selectLabel(userId, id, selection.selected())) {
      throw new NotFoundException("LABEL_NOT_FOUND", "No label " + id);
    }
    return mailbox.labels(userId).stream()
        .filter(label -> label.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  @GetMapping("/messages")
  @RateLimited("gmailMessages")
  MessageList messages(
      @AuthenticationPrincipal SignedInUser user,
      @RequestParam(required = false) @Nullable String labelId,
      @RequestParam(required = false) @Nullable String q,
      @RequestParam(name = "query", required = false) @Nullable String queryAlias,
      @RequestParam(required = false) @Nullable Integer limit,
      @RequestParam(required = false) @Nullable String cursor) {
    UUID userId = connected(user);
    int size = ListRequests.limit(limit, MAX_LIMIT);
    // "query" is the name the mail page sent first; "q" wins when both are given.
    String query = q != null ? q : queryAlias;
    if (query != null && query.length() > ListRequests.MAX_SEARCH_LENGTH) {
      throw badRequest("q must be at most " + ListRequests.MAX_SEARCH_LENGTH + " characters");
    }
    MessagePage page =
        mailbox.messages(
            userId,
            new MessageFilter(blankToNull(labelId), blankToNull(query)),
            size,
            cursor == null || cursor.isBlank() ? null : decode(cursor));
    return new MessageList(
        page.items(), page.total(), page.next() == null ? null : encode(page.next()));
  }

  @GetMapping("/settings")
  @RateLimited("gmailSettings")
  SyncSettings settings(@AuthenticationPrincipal SignedInUser user) {
    UUID userId = connected(user);
    return new SyncSettings(syncState.maxAgeDays(userId).orElse(null));
  }

  /**
   * Replaces the sync settings. The body must name {@code maxAgeDays}: a whole number of days, or
   * null for the whole mailbox. A changed value makes the next sync run a full sync.
   */
  @PutMapping("/settings")
  @RateLimited("gmailSettings")
  SyncSettings updateSettings(
      @AuthenticationPrincipal SignedInUser user, @RequestBody SettingsInput body) {
    UUID userId = connected(user);
    JsonNode value = body.maxAgeDays();
    if (value == null || value.isMissingNode()) {
      throw badRequest("maxAgeDays is required: a number of days, or null for the whole mailbox");
    }
    Integer days = null;
    if (!value.isNull()) {
      if (!value.isInt() || value.intValue() < 1 || value.intValue() > MAX_AGE_DAYS) {
        throw badRequest(
            "maxAgeDays must be a whole number from 1 to "
                + MAX_AGE_DAYS
                + ", or null for the whole mailbox");
      }
      days = value.intValue();
    }
    syncState.maxAgeDays(userId, days, clock.instant());
    return new SyncSettings(days);
  }

  @GetMapping("/threads/{id}")
  @RateLimited("gmailMessages")
  ThreadView thread(@AuthenticationPrincipal SignedInUser user, @PathVariable String id) {
    UUID userId = connected(user);
    List<ThreadMessage> messages = mailbox.thread(userId, id);
    if (messages.isEmpty()) {
      throw new NotFoundException("THREAD_NOT_FOUND", "No thread " + id);
    }
    return new ThreadView(id, messages);
  }

  private UUID connected(SignedInUser user) {
    return scopeUpgrade.requireConnected(Scopes.GMAIL_INTEGRATION, user);
  }

  private static String encode(MessageCursor cursor) {
    return ListRequests.encodeCursor(cursor.internalDate().toEpochMilli() + ":" + cursor.id());
  }

  private static MessageCursor decode(String cursor) {
    try {
      String raw = ListRequests.decodeCursor(cursor);
      int colon = raw.indexOf(':');
      String id = colon < 0 ? "" : raw.substring(colon + 1);
      if (colon <= 0 || id.isEmpty() || id.length() > 64 || !TextRules.isOneLine(id)) {
        throw badRequest("cursor is invalid");
      }
      return new MessageCursor(
          GoogleDates.requireInRange(
              "cursor", Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon)))),
          id);
    } catch (IllegalArgumentException | DateTimeException e) {
      throw badRequest("cursor is invalid");
    }
  }

  private static InvalidInputException badRequest(String message) {
    return new InvalidInputException(message);
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** What is synced: mail of the last {@code maxAgeDays} days, or everything when null. */
  record SyncSettings(@Nullable Integer maxAgeDays) {}

  /**
   * The body of {@code PUT /settings}; {@code maxAgeDays} must be there, as a number or null, so it
   * is read as JSON to tell null from missing.
   */
  record SettingsInput(@Nullable JsonNode maxAgeDays) {}

  /** The answer of {@code GET /labels}. */
  record LabelList(List<LabelView> items) {}

  /**
   * The answer of {@code GET /messages}, newest first.
   *
   * @param nextCursor the next page's cursor; absent on the last page
   */
  record MessageList(
      List<MessageSummary> items,
      long total,
      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String nextCursor) {}

  /** The body of {@code PUT /labels/{id}}. */
  record LabelSelection(Boolean selected) {}

  /** A thread as the thread view shows it. */
  record ThreadView(String id, List<ThreadMessage> messages) {}
}
