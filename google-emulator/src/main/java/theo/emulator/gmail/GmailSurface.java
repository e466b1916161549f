package theo.emulator.gmail;

import com.google.api.services.gmail.model.History;
import com.google.api.services.gmail.model.HistoryLabelAdded;
import com.google.api.services.gmail.model.HistoryLabelRemoved;
import com.google.api.services.gmail.model.HistoryMessageAdded;
import com.google.api.services.gmail.model.HistoryMessageDeleted;
import com.google.api.services.gmail.model.Label;
import com.google.api.services.gmail.model.ListHistoryResponse;
import com.google.api.services.gmail.model.ListLabelsResponse;
import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.ListThreadsResponse;
import com.google.api.services.gmail.model.Message;
import com.google.api.services.gmail.model.MessagePartBody;
import com.google.api.services.gmail.model.Profile;
import com.google.api.services.gmail.model.Thread;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import theo.emulator.AccessGrant;
import theo.emulator.Account;
import theo.emulator.EmulatorContext;
import theo.emulator.Surface;
import theo.emulator.http.ApiException;
import theo.emulator.http.BatchHandler;
import theo.emulator.http.GoogleErrors;
import theo.emulator.http.Handler;
import theo.emulator.http.JsonOutput;
import theo.emulator.http.Request;
import theo.emulator.http.Response;
import theo.emulator.http.Router;
import theo.emulator.people.ContactBooks;
import theo.emulator.quota.QuotaCharges;
import theo.emulator.quota.QuotaLimiter;

/**
 * Gmail API v1 (profile, messages, attachments, labels, threads, history, drafts, sending and the
 * batch endpoint) with Google's unit costs charged to the {@code gmail} quota, plus the admin API
 * that fills and changes mailboxes under {@code /emulator/accounts/{email}/gmail/...}.
 */
public final class GmailSurface implements Surface {
  static final String SCOPE_PREFIX = "https://www.googleapis.com/auth/";
  static final String METADATA_SCOPE = SCOPE_PREFIX + "gmail.metadata";
  static final Set<String> FULL_READ_SCOPES =
      Set.of(
          SCOPE_PREFIX + "gmail.readonly",
          SCOPE_PREFIX + "gmail.modify",
          "https://mail.google.com/");
  static final Set<String> READ_SCOPES = union(FULL_READ_SCOPES, Set.of(METADATA_SCOPE));
  static final Set<String> LABEL_SCOPES = union(READ_SCOPES, Set.of(SCOPE_PREFIX + "gmail.labels"));
  static final Set<String> COMPOSE_SCOPES =
      Set.of(
          SCOPE_PREFIX + "gmail.compose",
          SCOPE_PREFIX + "gmail.modify",
          "https://mail.google.com/");
  static final Set<String> DRAFT_READ_SCOPES =
      union(COMPOSE_SCOPES, Set.of(SCOPE_PREFIX + "gmail.readonly"));
  static final Set<String> INSERT_SCOPES =
      Set.of(
          SCOPE_PREFIX + "gmail.insert", SCOPE_PREFIX + "gmail.modify", "https://mail.google.com/");
  static final Set<String> SEND_SCOPES = union(COMPOSE_SCOPES, Set.of(SCOPE_PREFIX + "gmail.send"));
  static final int MAX_BATCH_PARTS = 100;

  private final EmulatorContext context;
  private final ContactBooks contacts;
  private final Mailboxes mailboxes = new Mailboxes();
  private final QuotaLimiter quota;
  private final Outbox outbox;
  private final GmailWatches watches;

  public GmailSurface(EmulatorContext context, ContactBooks contacts) {
    this.context = context;
    this.contacts = contacts;
    this.watches = new GmailWatches(context.clock(), context.pubSub(), context.push());
    mailboxes.onChange(watches::changed);
    this.outbox = new Outbox(context, mailboxes);
    this.quota = context.quotas().register("gmail", 6000, 1_200_000);
  }

  @Override
  public void register(Router router) {
    String users = "/gmail/v1/users/{userId}";
    BatchHandler batch = new BatchHandler(router, MAX_BATCH_PARTS);
    router
        .get(users + "/profile", api(1, READ_SCOPES, this::profile))
        .get(users + "/messages", api(5, READ_SCOPES, this::listMessages))
        .get(users + "/messages/{id}", api(5, READ_SCOPES, this::getMessage))
        .get(
            users + "/messages/{messageId}/attachments/{id}",
            api(5, FULL_READ_SCOPES, this::attachment))
        .get(users + "/labels", api(1, LABEL_SCOPES, this::labels))
        .get(users + "/labels/{id}", api(1, LABEL_SCOPES, this::label))
        .get(users + "/threads", api(10, READ_SCOPES, this::listThreads))
        .get(users + "/threads/{id}", api(10, READ_SCOPES, this::getThread))
        .get(users + "/history", api(2, READ_SCOPES, this::history))
        .post(users + "/watch", api(100, READ_SCOPES, this::watch))
        .post(users + "/stop", api(50, READ_SCOPES, this::stop))
        .post(users + "/messages/send", api(100, SEND_SCOPES, outbox::send))
        .post(users + "/messages", api(25, INSERT_SCOPES, outbox::insert))
        .post(users + "/messages/import", api(25, INSERT_SCOPES, outbox::insert))
        .post(users + "/drafts", api(10, COMPOSE_SCOPES, outbox::createDraft))
        .get(users + "/drafts", api(5, DRAFT_READ_SCOPES, outbox::listDrafts))
        .get(users + "/drafts/{id}", api(5, DRAFT_READ_SCOPES, outbox::getDraft))
        .put(users + "/drafts/{id}", api(15, COMPOSE_SCOPES, outbox::updateDraft))
        .delete(users + "/drafts/{id}", api(10, COMPOSE_SCOPES, outbox::deleteDraft))
        .post(users + "/drafts/send", api(100, COMPOSE_SCOPES, outbox::sendDraft))
        .post("/upload" + users + "/messages/send", api(100, SEND_SCOPES, outbox::sendUpload))
        .post("/upload" + users + "/drafts", api(10, COMPOSE_SCOPES, outbox::createDraftUpload))
        .post("/batch", batch)
        .post("/batch/gmail/v1", batch);
    String admin = "/emulator/accounts/{email}/gmail";
    router
        .post(admin + "/generate", this::generate)
        .post(admin + "/messages", this::deliver)
        .post(admin + "/messages/{id}/modify", this::modify)
        .delete(admin + "/messages/{id}", this::delete)
        .post(admin + "/history/expire", this::expireHistory)
        .get(admin + "/summary", this::summary);
  }

  private Response watch(Request request, AccessGrant grant, Mailbox mailbox) {
    return Response.json(
        watches.watch(
            grant.account().email(),
            request.json(com.google.api.services.gmail.model.WatchRequest.class),
            mailbox.historyId()));
  }

  private Response stop(Request request, AccessGrant grant, Mailbox mailbox) {
    watches.stop(grant.account().email());
    return Response.empty(204);
  }

  /** A Gmail API call after authentication and quota: the caller's grant and mailbox. */
  @FunctionalInterface
  private interface ApiCall {
    Response handle(Request request, AccessGrant grant, Mailbox mailbox);
  }

  private Handler api(int units, Set<String> scopes, ApiCall call) {
    return request -> {
      context.stats().increment("gmail.requests");
      AccessGrant grant =
          context.guard().requireUser(request, request.pathVariable("userId"), scopes);
      QuotaCharges.charge(quota, context.stats(), "gmail", grant.account().email(), units);
      return call.handle(request, grant, mailboxes.of(grant.account()));
    };
  }

  private Response profile(Request request, AccessGrant grant, Mailbox mailbox) {
    return Response.json(
        new Profile()
            .setEmailAddress(grant.account().email())
            .setMessagesTotal(mailbox.messagesTotal())
            .setThreadsTotal(mailbox.threadsTotal())
            .setHistoryId(BigInteger.valueOf(mailbox.historyId())));
  }

  private Response listMessages(Request request, AccessGrant grant, Mailbox mailbox) {
    List<StoredMessage.Snapshot> matches = search(request, grant, mailbox);
    Page page = page(request, matches);
    ListMessagesResponse response =
        new ListMessagesResponse().setResultSizeEstimate((long) matches.size());
    if (!page.items().isEmpty()) {
      response.setMessages(
          page.items().stream()
              .map(m -> MessageViews.reference(m.message().id(), m.message().threadId(), null))
              .toList());
    }
    return Response.json(response.setNextPageToken(page.nextPageToken()));
  }

  /** Threads whose messages match, ordered by their newest matching message. */
  private Response listThreads(Request request, AccessGrant grant, Mailbox mailbox) {
    Map<String, StoredMessage.Snapshot> newestByThread = new LinkedHashMap<>();
    for (StoredMessage.Snapshot message : search(request, grant, mailbox)) {
      newestByThread.putIfAbsent(message.message().threadId(), message);
    }
    List<StoredMessage.Snapshot> threads = new ArrayList<>(newestByThread.values());
    Page page = page(request, threads);
    ListThreadsResponse response =
        new ListThreadsResponse().setResultSizeEstimate((long) threads.size());
    if (!page.items().isEmpty()) {
      response.setThreads(
          page.items().stream()
              .map(
                  m ->
                      new Thread()
                          .setId(m.message().threadId())
                          .setSnippet(m.message().snippet())
                          .setHistoryId(BigInteger.valueOf(m.historyId())))
              .toList());
    }
    return Response.json(response.setNextPageToken(page.nextPageToken()));
  }

  /** Messages matching {@code q}, {@code labelIds} and {@code includeSpamTrash}, newest first. */
  private static List<StoredMessage.Snapshot> search(
      Request request, AccessGrant grant, Mailbox mailbox) {
    String q = request.query("q").orElse("");
    if (!q.isBlank() && metadataOnly(grant)) {
      throw GoogleErrors.apiException(
          403, "forbidden", "Metadata scope does not support 'q' parameter");
    }
    MailQuery query = MailQuery.parse(q, mailbox);
    List<String> labelIds = request.queryAll("labelIds");
    boolean includeSpamTrash =
        bool(request, "includeSpamTrash")
            || query.mentionsSpamOrTrash()
            || labelIds.contains("SPAM")
            || labelIds.contains("TRASH");
    return mailbox.list(
        message ->
            message.labelIds().containsAll(labelIds)
                && (includeSpamTrash
                    || (!message.labelIds().contains("SPAM")
                        && !message.labelIds().contains("TRASH")))
                && query.test(message));
  }

  /** One page of a newest-first list and the token of the next page, if any. */
  private record Page(List<StoredMessage.Snapshot> items, String nextPageToken) {}

  private static Page page(Request request, List<StoredMessage.Snapshot> all) {
    int start = startAfter(all, request.query("pageToken"));
    int end = Math.min(all.size(), start + maxResults(request, 100, 500));
    String next = null;
    if (end < all.size()) {
      StoredMessage last = all.get(end - 1).message();
      next = pageToken(last.internalDate() + ":" + last.id());
    }
    return new Page(all.subList(start, end), next);
  }

  /** Index of the first message after the one a page token names (tokens survive changes). */
  private static int startAfter(List<StoredMessage.Snapshot> matches, Optional<String> token) {
    if (token.isEmpty() || token.get().isEmpty()) {
      return 0;
    }
    String[] key = decodePageToken(token.get()).split(":", 2);
    long date;
    try {
      date = Long.parseLong(key[0]);
    } catch (NumberFormatException e) {
      throw GoogleErrors.apiException(400, "invalidArgument", "Invalid pageToken");
    }
    String id = key.length > 1 ? key[1] : "";
    for (int i = 0; i < matches.size(); i++) {
      StoredMessage message = matches.get(i).message();
      int order = Long.compare(date, message.internalDate());
      if (order > 0 || (order == 0 && id.compareTo(message.id()) > 0)) {
        return i;
      }
    }
    return matches.size();
  }

  private Response getMessage(Request request, AccessGrant grant, Mailbox mailbox) {
    MessageViews.Format format = format(request, grant);
    StoredMessage.Snapshot message =
        mailbox.find(messageId(request, "id")).orElseThrow(GmailSurface::notFound);
    if (format == MessageViews.Format.FULL) {
      JsonOutput json = MessageViews.fullJson(message);
      return Response.streamed(200, Response.JSON, json.length(), json::writeTo);
    }
    return Response.json(MessageViews.render(message, format, request.queryAll("metadataHeaders")));
  }

  private Response attachment(Request request, AccessGrant grant, Mailbox mailbox) {
    StoredMessage.Snapshot message =
        mailbox.find(messageId(request, "messageId")).orElseThrow(GmailSurface::notFound);
    MessagePartBody body =
        MessageViews.attachment(message.message(), request.pathVariable("id"))
            .orElseThrow(
                () ->
                    GoogleErrors.apiException(400, "invalidArgument", "Invalid attachment token"));
    return Response.json(body);
  }

  private Response labels(Request request, AccessGrant grant, Mailbox mailbox) {
    List<Label> labels = new ArrayList<>();
    for (String id : Mailbox.SYSTEM_LABELS) {
      labels.add(new Label().setId(id).setName(id).setType("system"));
    }
    mailbox
        .userLabels()
        .forEach(
            (id, name) ->
                labels.add(
                    new Label()
                        .setId(id)
                        .setName(name)
                        .setType("user")
                        .setMessageListVisibility("show")
                        .setLabelListVisibility("labelShow")));
    return Response.json(new ListLabelsResponse().setLabels(labels));
  }

  /** One label with its message and thread counts, as {@code users.labels.get} answers. */
  private Response label(Request request, AccessGrant grant, Mailbox mailbox) {
    String id = request.pathVariable("id");
    Label label;
    if (Mailbox.SYSTEM_LABELS.contains(id)) {
      label = new Label().setId(id).setName(id).setType("system");
    } else {
      String name = mailbox.userLabels().get(id);
      if (name == null) {
        throw notFound();
      }
      label =
          new Label()
              .setId(id)
              .setName(name)
              .setType("user")
              .setMessageListVisibility("show")
              .setLabelListVisibility("labelShow");
    }
    List<StoredMessage.Snapshot> labelled = mailbox.list(m -> m.labelIds().contains(id));
    List<StoredMessage.Snapshot> unread =
        labelled.stream().filter(m -> m.labelIds().contains("UNREAD")).toList();
    return Response.json(
        label
            .setMessagesTotal(labelled.size())
            .setMessagesUnread(unread.size())
            .setThreadsTotal(threadCount(labelled))
            .setThreadsUnread(threadCount(unread)));
  }

  private static int threadCount(List<StoredMessage.Snapshot> messages) {
    return (int) messages.stream().map(m -> m.message().threadId()).distinct().count();
  }

  private Response getThread(Request request, AccessGrant grant, Mailbox mailbox) {
    MessageViews.Format format = format(request, grant);
    String id = messageId(request, "id");
    List<StoredMessage.Snapshot> messages = mailbox.thread(id);
    if (messages.isEmpty()) {
      throw notFound();
    }
    List<String> headers = request.queryAll("metadataHeaders");
    long historyId = messages.stream().mapToLong(StoredMessage.Snapshot::historyId).max().orElse(0);
    return Response.json(
        new Thread()
            .setId(id)
            .setHistoryId(BigInteger.valueOf(historyId))
            .setMessages(
                messages.stream().map(m -> MessageViews.render(m, format, headers)).toList()));
  }

  private Response history(Request request, AccessGrant grant, Mailbox mailbox) {
    long start =
        parseLong(
            request
                .query("startHistoryId")
                .orElseThrow(
                    () ->
                        new IllegalArgumentException("Missing required parameter: startHistoryId")),
            "startHistoryId");
    List<String> types = request.queryAll("historyTypes");
    for (String type : types) {
      if (!List.of("messageAdded", "messageDeleted", "labelAdded", "labelRemoved").contains(type)) {
        throw new IllegalArgumentException("Invalid value for historyTypes: " + type);
      }
    }
    Optional<String> labelId = request.query("labelId");
    int maxResults = maxResults(request, 100, 500);
    long after = start;
    Optional<String> token = request.query("pageToken").filter(value -> !value.isEmpty());
    if (token.isPresent()) {
      after = parseLong(decodePageToken(token.get()), "pageToken");
    }
    List<HistoryRecord> records;
    long current;
    try {
      records = mailbox.historySince(start);
      current = mailbox.historyId();
    } catch (Mailbox.HistoryExpiredException e) {
      throw notFound();
    }
    List<History> page = new ArrayList<>();
    String nextPageToken = null;
    for (HistoryRecord record : records) {
      if (record.id() <= after || !matches(record, types, labelId)) {
        continue;
      }
      if (page.size() == maxResults) {
        nextPageToken = pageToken(String.valueOf(page.get(page.size() - 1).getId()));
        break;
      }
      page.add(history(record));
    }
    ListHistoryResponse response =
        new ListHistoryResponse().setHistoryId(BigInteger.valueOf(current));
    if (!page.isEmpty()) {
      response.setHistory(page);
    }
    return Response.json(response.setNextPageToken(nextPageToken));
  }

  private static boolean matches(
      HistoryRecord record, List<String> types, Optional<String> labelId) {
    boolean typeMatches = types.isEmpty() || types.stream().anyMatch(record::hasType);
    boolean labelMatches =
        labelId.isEmpty()
            || record.labelIds().contains(labelId.get())
            || record.labelsAdded().contains(labelId.get())
            || record.labelsRemoved().contains(labelId.get());
    return typeMatches && labelMatches;
  }

  private static History history(HistoryRecord record) {
    Message reference = MessageViews.reference(record.messageId(), record.threadId(), null);
    Message labelled =
        MessageViews.reference(record.messageId(), record.threadId(), record.labelIds());
    History history =
        new History().setId(BigInteger.valueOf(record.id())).setMessages(List.of(reference));
    if (record.messageAdded()) {
      history.setMessagesAdded(List.of(new HistoryMessageAdded().setMessage(labelled)));
    }
    if (record.messageDeleted()) {
      history.setMessagesDeleted(List.of(new HistoryMessageDeleted().setMessage(labelled)));
    }
    if (!record.labelsAdded().isEmpty()) {
      history.setLabelsAdded(
          List.of(new HistoryLabelAdded().setMessage(labelled).setLabelIds(record.labelsAdded())));
    }
    if (!record.labelsRemoved().isEmpty()) {
      history.setLabelsRemoved(
          List.of(
              new HistoryLabelRemoved().setMessage(labelled).setLabelIds(record.labelsRemoved())));
    }
    return history;
  }

  // ---- admin API ----

  private Response generate(Request request) {
    Account account = account(request);
    Map<String, Object> body = request.jsonObject();
    int count = intField(body, "count", 100);
    long seed = seed(body);
    if (count < 0 || count > 200_000) {
      throw new IllegalArgumentException("count must be between 0 and 200000");
    }
    Mailbox mailbox = mailboxes.of(account);
    MailGenerator generator =
        new MailGenerator(
            account.email(),
            account.name(),
            seed,
            context.clock().instant().truncatedTo(ChronoUnit.DAYS));
    mailbox.importAll(generator.generate(count, mailbox));
    contacts.replace(account.email(), generator.correspondents(count));
    Map<String, Object> result = summaryOf(mailbox);
    result.put("generated", count);
    return Response.json(200, result);
  }

  private Response deliver(Request request) {
    Account account = account(request);
    Mailbox mailbox = mailboxes.of(account);
    Map<String, Object> body = request.jsonObject();
    String threadId = text(body, "threadId", null);
    Set<String> labels = new LinkedHashSet<>();
    Object requested = body.get("labelIds");
    if (requested == null) {
      labels.addAll(List.of("INBOX", "UNREAD"));
    } else {
      for (Object label : list(requested, "labelIds")) {
        String value = String.valueOf(label);
        labels.add(mailbox.resolveLabel(value).orElse(value));
      }
    }
    String subject = text(body, "subject", "");
    List<MimeNode.Header> headers = new ArrayList<>();
    headers.add(new MimeNode.Header("MIME-Version", "1.0"));
    long now = context.clock().millis();
    headers.add(
        new MimeNode.Header(
            "Date",
            DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(context.clock().instant(), ZoneOffset.UTC))));
    headers.add(
        new MimeNode.Header(
            "Message-ID",
            "<"
                + Long.toHexString(now)
                + "."
                + Integer.toHexString(subject.hashCode())
                + "@emulator.local>"));
    headers.add(new MimeNode.Header("Subject", subject));
    headers.add(new MimeNode.Header("From", text(body, "from", "sender@example.net")));
    headers.add(new MimeNode.Header("To", text(body, "to", account.email())));
    if (threadId != null) {
      List<String> earlier =
          mailbox.thread(threadId).stream()
              .map(m -> m.message().header("Message-ID"))
              .filter(id -> !id.isEmpty())
              .toList();
      if (!earlier.isEmpty()) {
        headers.add(new MimeNode.Header("In-Reply-To", earlier.get(earlier.size() - 1)));
        headers.add(new MimeNode.Header("References", String.join(" ", earlier)));
      }
    }
    // RFC 822 wants CRLF line ends; Gmail keeps them in the decoded body data too.
    String text = text(body, "body", "").replaceAll("\r?\n", "\r\n");
    MimeNode root = MimeNode.text("text/plain", text).withLeadingHeaders(headers);
    StoredMessage.Snapshot delivered =
        mailbox.deliver(
            new Mailbox.Delivery(
                root,
                threadId,
                now,
                labels,
                MailGenerator.snippet(text),
                Rfc822.write(root).length));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("id", delivered.message().id());
    result.put("threadId", delivered.message().threadId());
    result.put("historyId", String.valueOf(delivered.historyId()));
    return Response.json(200, result);
  }

  private Response modify(Request request) {
    Mailbox mailbox = mailboxes.of(account(request));
    Map<String, Object> body = request.jsonObject();
    StoredMessage.Snapshot modified =
        mailbox.modify(
            request.pathVariable("id"),
            labelSet(mailbox, body.get("addLabelIds")),
            labelSet(mailbox, body.get("removeLabelIds")));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("id", modified.message().id());
    result.put("threadId", modified.message().threadId());
    result.put("labelIds", modified.labelIds());
    result.put("historyId", String.valueOf(modified.historyId()));
    return Response.json(200, result);
  }

  private Response delete(Request request) {
    Mailbox mailbox = mailboxes.of(account(request));
    mailbox.delete(request.pathVariable("id"));
    return Response.json(200, Map.of("historyId", String.valueOf(mailbox.historyId())));
  }

  private Response expireHistory(Request request) {
    Mailbox mailbox = mailboxes.of(account(request));
    mailbox.expireHistory();
    return Response.json(200, Map.of("historyId", String.valueOf(mailbox.historyId())));
  }

  private Response summary(Request request) {
    return Response.json(200, summaryOf(mailboxes.of(account(request))));
  }

  private static Map<String, Object> summaryOf(Mailbox mailbox) {
    Map<String, Long> labelCounts = new TreeMap<>();
    for (StoredMessage.Snapshot message : mailbox.list(m -> true)) {
      for (String label : message.labelIds()) {
        labelCounts.merge(label, 1L, Long::sum);
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("messagesTotal", mailbox.messagesTotal());
    result.put("threadsTotal", mailbox.threadsTotal());
    result.put("labels", labelCounts);
    result.put("historyId", String.valueOf(mailbox.historyId()));
    result.put("drafts", mailbox.drafts().size());
    result.put("unread", labelCounts.getOrDefault("UNREAD", 0L));
    return result;
  }

  // ---- helpers ----

  private Account account(Request request) {
    String email = request.pathVariable("email");
    return context
        .accounts()
        .find(email)
        .orElseThrow(() -> GoogleErrors.apiException(404, "notFound", "No account " + email));
  }

  private static boolean metadataOnly(AccessGrant grant) {
    return !grant.hasAnyScope(FULL_READ_SCOPES);
  }

  private static MessageViews.Format format(Request request, AccessGrant grant) {
    MessageViews.Format format = MessageViews.Format.parse(request.query("format").orElse("full"));
    if (metadataOnly(grant)
        && (format == MessageViews.Format.FULL || format == MessageViews.Format.RAW)) {
      throw GoogleErrors.apiException(
          403, "forbidden", "Metadata scope doesn't allow format " + format.name());
    }
    return format;
  }

  /**
   * A message or thread id from the path: Gmail's ids are hexadecimal, and Google answers 400
   * "Invalid id value" for any other, 404 only for a well-formed id it does not hold.
   */
  static String messageId(Request request, String variable) {
    String id = request.pathVariable(variable);
    if (id.isEmpty() || id.length() > 16 || !id.chars().allMatch(GmailSurface::isHexDigit)) {
      throw GoogleErrors.apiException(400, "invalidArgument", "Invalid id value");
    }
    return id;
  }

  private static boolean isHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  private static ApiException notFound() {
    return GoogleErrors.apiException(404, "notFound", "Requested entity was not found.");
  }

  private static int maxResults(Request request, int defaultValue, int max) {
    Optional<String> value = request.query("maxResults");
    if (value.isEmpty()) {
      return defaultValue;
    }
    long parsed = parseLong(value.get(), "maxResults");
    return (int) Math.max(1, Math.min(max, parsed));
  }

  private static boolean bool(Request request, String name) {
    return request.query(name).map(Boolean::parseBoolean).orElse(false);
  }

  private static long parseLong(String value, String name) {
    try {
      return Long.parseUnsignedLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid value for " + name + ": " + value);
    }
  }

  private static String pageToken(String plain) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodePageToken(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw GoogleErrors.apiException(400, "invalidArgument", "Invalid pageToken");
    }
  }

  private static Set<String> labelSet(Mailbox mailbox, Object value) {
    Set<String> labels = new LinkedHashSet<>();
    if (value != null) {
      for (Object label : list(value, "labelIds")) {
        String text = String.valueOf(label);
        labels.add(mailbox.resolveLabel(text).orElse(text));
      }
    }
    return labels;
  }

  private static List<?> list(Object value, String name) {
    if (value instanceof List<?> list) {
      return list;
    }
    throw new IllegalArgumentException(name + " must be a list");
  }

  private static String text(Map<String, Object> body, String name, String fallback) {
    Object value = body.get(name);
    if (value == null) {
      return fallback;
    }
    if (value instanceof String text) {
      return text;
    }
    throw new IllegalArgumentException(name + " must be a string");
  }

  private static double number(Map<String, Object> body, String name, double fallback) {
    Object value = body.get(name);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    throw new IllegalArgumentException(name + " must be a number");
  }

  /** Seeds may be sent as numbers or, beyond double precision, as decimal strings. */
  static long seed(Map<String, Object> body) {
    Object value = body.get("seed");
    if (value instanceof String text) {
      return parseLong(text, "seed");
    }
    return (long) number(body, "seed", 1);
  }

  private static int intField(Map<String, Object> body, String name, int fallback) {
    return (int) number(body, name, fallback);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> result = new LinkedHashSet<>(a);
    result.addAll(b);
    return Set.copyOf(result);
  }
}
