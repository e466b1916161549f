package theo.emulator.gmail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A message held by a {@link Mailbox}. The content is immutable; labels and history id change under
 * the mailbox's lock only.
 */
final class StoredMessage {
  private final String id;
  private final String threadId;
  private final long internalDate;
  private final MimeNode root;
  private final String snippet;
  private final int sizeEstimate;
  // Replaced, never changed in place: a snapshot shares it without copying (a listing takes one of
  // every message).
  private List<String> labelIds;
  private long historyId;

  StoredMessage(
      String id,
      String threadId,
      long internalDate,
      MimeNode root,
      String snippet,
      int sizeEstimate,
      Set<String> labelIds) {
    this.id = id;
    this.threadId = threadId;
    this.internalDate = internalDate;
    this.root = root;
    this.snippet = snippet;
    this.sizeEstimate = sizeEstimate;
    this.labelIds = List.copyOf(new LinkedHashSet<>(labelIds));
  }

  String id() {
    return id;
  }

  String threadId() {
    return threadId;
  }

  long internalDate() {
    return internalDate;
  }

  MimeNode root() {
    return root;
  }

  String snippet() {
    return snippet;
  }

  int sizeEstimate() {
    return sizeEstimate;
  }

  List<String> labelIds() {
    return labelIds;
  }

  /** Gives the message the label or takes it away; false when it already had it or lacked it. */
  boolean label(String label, boolean present) {
    if (labelIds.contains(label) == present) {
      return false;
    }
    List<String> changed = new ArrayList<>(labelIds);
    if (present) {
      changed.add(label);
    } else {
      changed.remove(label);
    }
    labelIds = List.copyOf(changed);
    return true;
  }

  long historyId() {
    return historyId;
  }

  void historyId(long value) {
    this.historyId = value;
  }

  String header(String name) {
    return root.header(name).orElse("");
  }

  /** A consistent copy of the mutable parts, taken under the mailbox lock. */
  Snapshot snapshot() {
    return new Snapshot(this, labelIds, historyId);
  }

  /** A message with its labels and history id as they were at one moment. */
  record Snapshot(StoredMessage message, List<String> labelIds, long historyId) {}
}
