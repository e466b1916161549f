package theo.emulator.gmail;

import java.util.List;

/**
 * One change to a mailbox: a message added or deleted, or labels added to or removed from one.
 * {@code labelIds} are the message's labels right after the change.
 */
record HistoryRecord(
    long id,
    String messageId,
    String threadId,
    List<String> labelIds,
    boolean messageAdded,
    boolean messageDeleted,
    List<String> labelsAdded,
    List<String> labelsRemoved) {

  HistoryRecord {
    labelIds = List.copyOf(labelIds);
    labelsAdded = List.copyOf(labelsAdded);
    labelsRemoved = List.copyOf(labelsRemoved);
  }

  static HistoryRecord added(long id, StoredMessage.Snapshot message) {
    return new HistoryRecord(
        id,
        message.message().id(),
        message.message().threadId(),
        message.labelIds(),
        true,
        false,
        List.of(),
        List.of());
  }

  static HistoryRecord deleted(long id, StoredMessage.Snapshot message) {
    return new HistoryRecord(
        id,
        message.message().id(),
        message.message().threadId(),
        message.labelIds(),
        false,
        true,
        List.of(),
        List.of());
  }

  static HistoryRecord relabelled(
      long id, StoredMessage.Snapshot message, List<String> added, List<String> removed) {
    return new HistoryRecord(
        id,
        message.message().id(),
        message.message().threadId(),
        message.labelIds(),
        false,
        false,
        added,
        removed);
  }

  boolean hasType(String historyType) {
    return switch (historyType) {
      case "messageAdded" -> messageAdded;
      case "messageDeleted" -> messageDeleted;
      case "labelAdded" -> !labelsAdded.isEmpty();
      case "labelRemoved" -> !labelsRemoved.isEmpty();
      default -> false;
    };
  }
}
