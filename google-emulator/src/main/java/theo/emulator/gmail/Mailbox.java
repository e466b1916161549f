package theo.emulator.gmail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import theo.emulator.http.GoogleErrors;

/**
 * One account's mail: messages, threads, labels and the history of every change. Every mutation
 * (deliver, modify, delete) bumps the mailbox history id and appends a history record, so Gmail's
 * incremental sync works against it. All methods are thread-safe.
 */
final class Mailbox {
  static final List<String> SYSTEM_LABELS =
      List.of(
          "INBOX",
          "SENT",
          "DRAFT",
          "SPAM",
          "TRASH",
          "UNREAD",
          "STARRED",
          "IMPORTANT",
          "CHAT",
          "CATEGORY_PERSONAL",
          "CATEGORY_SOCIAL",
          "CATEGORY_PROMOTIONS",
          "CATEGORY_UPDATES",
          "CATEGORY_FORUMS");

  private static final Comparator<StoredMessage> NEWEST_FIRST =
      Comparator.comparingLong(StoredMessage::internalDate)
          .thenComparing(StoredMessage::id)
          .reversed();

  private final String owner;
  private final Map<String, StoredMessage> messages = new HashMap<>();
  private final TreeSet<StoredMessage> ordered = new TreeSet<>(NEWEST_FIRST);
  private final Map<String, Set<String>> threads = new HashMap<>();
  private final Map<String, String> userLabels = new LinkedHashMap<>();
  private final List<HistoryRecord> history = new ArrayList<>();
  private long historyId = 1000;
  private long oldestRetainedHistoryId = 1000;
  private int nextUserLabel = 1;
  private final Map<String, String> drafts = new LinkedHashMap<>();
  private long nextDraft = 1;

  private final java.util.function.BiConsumer<String, HistoryRecord> changes;

  /** A mailbox nobody watches (tests). */
  Mailbox(String owner) {
    this(owner, (mailbox, record) -> {});
  }

  Mailbox(String owner, java.util.function.BiConsumer<String, HistoryRecord> changes) {
    this.changes = changes;
    this.owner = owner;
  }

  String owner() {
    return owner;
  }

  /** A message to add: its content and where it goes; the mailbox assigns id and history. */
  record Delivery(
      MimeNode root,
      String threadId,
      long internalDate,
      Set<String> labelIds,
      String snippet,
      int sizeEstimate) {}

  /**
   * Adds a message with a messageAdded history record. A null {@code threadId} starts a new thread.
   */
  synchronized StoredMessage.Snapshot deliver(Delivery delivery) {
    requireLabels(delivery.labelIds());
    if (delivery.threadId() != null && !threads.containsKey(delivery.threadId())) {
      throw GoogleErrors.apiException(404, "notFound", "Requested entity was not found.");
    }
    StoredMessage message = store(delivery);
    message.historyId(++historyId);
    StoredMessage.Snapshot snapshot = message.snapshot();
    record(HistoryRecord.added(historyId, snapshot));
    return snapshot;
  }

  /**
   * Adds many messages as if they had always been there: no history records, and the history before
   * them expires (a client holding an older history id must sync in full).
   */
  synchronized void importAll(List<Delivery> deliveries) {
    historyId++;
    Map<String, String> threadIds = new HashMap<>();
    for (Delivery delivery : deliveries) {
      requireLabels(delivery.labelIds());
      String threadId =
          delivery.threadId() == null ? null : threadIds.getOrDefault(delivery.threadId(), null);
      StoredMessage message = store(withThread(delivery, threadId));
      message.historyId(historyId);
      if (delivery.threadId() != null) {
        threadIds.putIfAbsent(delivery.threadId(), message.threadId());
      }
    }
    expireHistory();
  }

  private static Delivery withThread(Delivery delivery, String threadId) {
    return new Delivery(
        delivery.root(),
        threadId,
        delivery.internalDate(),
        delivery.labelIds(),
        delivery.snippet(),
        delivery.sizeEstimate());
  }

  private StoredMessage store(Delivery delivery) {
    String id = newId(delivery.internalDate());
    String threadId = delivery.threadId() == null ? id : delivery.threadId();
    StoredMessage message =
        new StoredMessage(
            id,
            threadId,
            delivery.internalDate(),
            delivery.root(),
            delivery.snippet(),
            delivery.sizeEstimate(),
            delivery.labelIds());
    messages.put(id, message);
    ordered.add(message);
    threads.computeIfAbsent(threadId, key -> new LinkedHashSet<>()).add(id);
    return message;
  }

  // Gmail ids are 16 hex digits that grow with time; ours are the millisecond date shifted left.
  private String newId(long internalDate) {
    long candidate = Math.max(0, internalDate) << 12;
    String id = String.format("%016x", candidate);
    while (messages.containsKey(id)) {
      id = String.format("%016x", ++candidate);
    }
    return id;
  }

  /** Adds and removes labels, recording a labelsAdded/labelsRemoved history record. */
  synchronized StoredMessage.Snapshot modify(String id, Set<String> add, Set<String> remove) {
    StoredMessage message = require(id);
    requireLabels(add);
    requireLabels(remove);
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (String label : add) {
      if (message.label(label, true)) {
        added.add(label);
      }
    }
    for (String label : remove) {
      if (!add.contains(label) && message.label(label, false)) {
        removed.add(label);
      }
    }
    if (!added.isEmpty() || !removed.isEmpty()) {
      message.historyId(++historyId);
      record(HistoryRecord.relabelled(historyId, message.snapshot(), added, removed));
    }
    return message.snapshot();
  }

  /** Deletes a message for good, recording a messageDeleted history record. */
  synchronized void delete(String id) {
    StoredMessage message = require(id);
    messages.remove(id);
    drafts.values().remove(id);
    ordered.remove(message);
    Set<String> members = threads.get(message.threadId());
    members.remove(id);
    if (members.isEmpty()) {
      threads.remove(message.threadId());
    }
    historyId++;
    record(HistoryRecord.deleted(historyId, message.snapshot()));
  }

  /** A draft: its own id and the DRAFT-labelled message it currently holds. */
  record Draft(String id, StoredMessage.Snapshot message) {}

  /** Stores a message labelled DRAFT under a new draft id. */
  synchronized Draft createDraft(Delivery delivery) {
    String draftId = "r" + (7_000_000_000_000_000L + nextDraft++);
    StoredMessage.Snapshot message = deliver(delivery);
    drafts.put(draftId, message.message().id());
    return new Draft(draftId, message);
  }

  /** Replaces a draft's message (Gmail gives the new content a new message id). */
  synchronized Draft updateDraft(String draftId, Delivery delivery) {
    String old = requireDraft(draftId);
    // Delivered before the old message goes, so a thread the old draft started still exists.
    StoredMessage.Snapshot message = deliver(delivery);
    delete(old);
    drafts.put(draftId, message.message().id());
    return new Draft(draftId, message);
  }

  /** Deletes a draft and its message for good. */
  synchronized void deleteDraft(String draftId) {
    String messageId = requireDraft(draftId);
    drafts.remove(draftId);
    delete(messageId);
  }

  /** Sends a draft: its message loses DRAFT and gains SENT; the draft id is gone. */
  synchronized StoredMessage.Snapshot sendDraft(String draftId) {
    String messageId = requireDraft(draftId);
    drafts.remove(draftId);
    return modify(messageId, Set.of("SENT"), Set.of("DRAFT"));
  }

  synchronized Optional<Draft> findDraft(String draftId) {
    String messageId = drafts.get(draftId);
    return messageId == null
        ? Optional.empty()
        : Optional.of(new Draft(draftId, messages.get(messageId).snapshot()));
  }

  /** Every draft, newest message first. */
  synchronized List<Draft> drafts() {
    List<Draft> result = new ArrayList<>();
    drafts.forEach(
        (id, messageId) -> result.add(new Draft(id, messages.get(messageId).snapshot())));
    result.sort(Comparator.comparing((Draft d) -> d.message().message(), NEWEST_FIRST));
    return result;
  }

  private String requireDraft(String draftId) {
    String messageId = drafts.get(draftId);
    if (messageId == null) {
      throw GoogleErrors.apiException(404, "notFound", "Requested entity was not found.");
    }
    return messageId;
  }

  synchronized Optional<StoredMessage.Snapshot> find(String id) {
    return Optional.ofNullable(messages.get(id)).map(StoredMessage::snapshot);
  }

  private StoredMessage require(String id) {
    StoredMessage message = messages.get(id);
    if (message == null) {
      throw GoogleErrors.apiException(404, "notFound", "Requested entity was not found.");
    }
    return message;
  }

  /** Matching messages, newest first. */
  synchronized List<StoredMessage.Snapshot> list(Predicate<StoredMessage.Snapshot> filter) {
    List<StoredMessage.Snapshot> result = new ArrayList<>();
    for (StoredMessage message : ordered) {
      StoredMessage.Snapshot snapshot = message.snapshot();
      if (filter.test(snapshot)) {
        result.add(snapshot);
      }
    }
    return result;
  }

  /** A thread's messages, oldest first; empty when there is no such thread. */
  synchronized List<StoredMessage.Snapshot> thread(String threadId) {
    Set<String> members = threads.get(threadId);
    if (members == null) {
      return List.of();
    }
    return members.stream()
        .map(messages::get)
        .sorted(
            Comparator.comparingLong(StoredMessage::internalDate).thenComparing(StoredMessage::id))
        .map(StoredMessage::snapshot)
        .toList();
  }

  synchronized long historyId() {
    return historyId;
  }

  synchronized int messagesTotal() {
    return messages.size();
  }

  synchronized int threadsTotal() {
    return threads.size();
  }

  /**
   * History records after {@code startHistoryId}, oldest first.
   *
   * @throws HistoryExpiredException when records at or after that id are no longer kept
   */
  synchronized List<HistoryRecord> historySince(long startHistoryId) {
    if (startHistoryId < oldestRetainedHistoryId) {
      throw new HistoryExpiredException();
    }
    List<HistoryRecord> result = new ArrayList<>();
    for (HistoryRecord record : history) {
      if (record.id() > startHistoryId) {
        result.add(record);
      }
    }
    return result;
  }

  private void record(HistoryRecord record) {
    history.add(record);
    changes.accept(owner, record);
  }

  /** Forgets all history: every history id before the current one now answers 404. */
  synchronized void expireHistory() {
    history.clear();
    oldestRetainedHistoryId = historyId;
  }

  /** User labels by id ("Label_1" to name). */
  synchronized Map<String, String> userLabels() {
    return new LinkedHashMap<>(userLabels);
  }

  /** The id of the user label with this name, created when missing. */
  synchronized String userLabel(String name) {
    for (Map.Entry<String, String> label : userLabels.entrySet()) {
      if (label.getValue().equalsIgnoreCase(name)) {
        return label.getKey();
      }
    }
    String id = "Label_" + nextUserLabel++;
    userLabels.put(id, name);
    return id;
  }

  /** Resolves a label name or id as Gmail search does ("inbox", "Work", "my-label"). */
  synchronized Optional<String> resolveLabel(String nameOrId) {
    String upper = nameOrId.toUpperCase(Locale.ROOT);
    if (SYSTEM_LABELS.contains(upper)) {
      return Optional.of(upper);
    }
    if (SYSTEM_LABELS.contains("CATEGORY_" + upper)) {
      return Optional.of("CATEGORY_" + upper);
    }
    if (userLabels.containsKey(nameOrId)) {
      return Optional.of(nameOrId);
    }
    for (Map.Entry<String, String> label : userLabels.entrySet()) {
      String name = label.getValue();
      if (name.equalsIgnoreCase(nameOrId)
          || name.replace(' ', '-').replace('/', '-').equalsIgnoreCase(nameOrId)) {
        return Optional.of(label.getKey());
      }
    }
    return Optional.empty();
  }

  private void requireLabels(Set<String> labelIds) {
    for (String label : labelIds) {
      if (!SYSTEM_LABELS.contains(label) && !userLabels.containsKey(label)) {
        throw GoogleErrors.apiException(400, "invalidArgument", "Invalid label: " + label);
      }
    }
  }

  /** Raised when a history id is older than the oldest record kept; Gmail answers 404. */
  static final class HistoryExpiredException extends RuntimeException {
    HistoryExpiredException() {
      super("history expired", null, false, false);
    }
  }
}
