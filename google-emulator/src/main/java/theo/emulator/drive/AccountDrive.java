package theo.emulator.drive;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import theo.emulator.Account;

/**
 * One account's drive: its files (owned ones under the My Drive root, and files other people shared
 * with the account) and its change log. Every change to a file gets the next sequence number; the
 * log keeps only the latest change of each file, as Drive's changes feed answers the current state
 * of a changed file. A change page token is the sequence number to read from. Callers hold the
 * drive's monitor.
 */
final class AccountDrive {
  final Account account;
  final String rootId;
  final Instant rootCreated;
  private final Clock clock;
  private final Map<String, DriveFile> files = new LinkedHashMap<>();
  private final TreeMap<Long, Change> log = new TreeMap<>();
  private final Map<String, Long> latestChange = new HashMap<>();
  private long nextSequence = 1;

  /** One entry of the change log: a file that changed or was removed from the account's view. */
  record Change(long sequence, String fileId, boolean removed, Instant time) {}

  AccountDrive(Account account, Clock clock) {
    this.account = account;
    this.clock = clock;
    this.rootId = DriveIds.root(account.email());
    this.rootCreated = clock.instant();
  }

  Instant now() {
    return clock.instant();
  }

  Collection<DriveFile> files() {
    return files.values();
  }

  int size() {
    return files.size();
  }

  boolean contains(String id) {
    return files.containsKey(id) || rootId.equals(id);
  }

  /** A file by id; {@code root} is the My Drive folder's alias. Absent for the root itself. */
  Optional<DriveFile> find(String id) {
    return Optional.ofNullable(files.get(id));
  }

  String resolve(String id) {
    return "root".equals(id) ? rootId : id;
  }

  void add(DriveFile file) {
    files.put(file.id, file);
    record(file.id, false, now());
  }

  /** Records a change to a file after it was modified (the caller sets modifiedTime if due). */
  void changed(DriveFile file) {
    file.version++;
    record(file.id, false, now());
  }

  /** Removes a file from the account's view (deleted, or no longer shared with the account). */
  void remove(String id) {
    if (files.remove(id) != null) {
      record(id, true, now());
    }
  }

  /** The files whose parents include {@code folderId}. */
  List<DriveFile> children(String folderId) {
    List<DriveFile> children = new ArrayList<>();
    for (DriveFile file : files.values()) {
      if (file.parents.contains(folderId)) {
        children.add(file);
      }
    }
    return children;
  }

  /** {@code folderId} and every folder below it, depth first. */
  List<DriveFile> descendants(String folderId) {
    List<DriveFile> result = new ArrayList<>();
    for (DriveFile child : children(folderId)) {
      result.add(child);
      if (child.isFolder()) {
        result.addAll(descendants(child.id));
      }
    }
    return result;
  }

  /** The page token that lists changes made from now on. */
  long startPageToken() {
    return nextSequence;
  }

  /** Changes from {@code sequence} on, oldest first, at most {@code limit + 1} of them. */
  List<Change> changesFrom(long sequence, int limit, boolean includeRemoved) {
    List<Change> result = new ArrayList<>();
    for (Change change : log.tailMap(sequence, true).values()) {
      if (change.removed() && !includeRemoved) {
        continue;
      }
      result.add(change);
      if (result.size() > limit) {
        break;
      }
    }
    return result;
  }

  private void record(String fileId, boolean removed, Instant time) {
    Long previous = latestChange.put(fileId, nextSequence);
    if (previous != null) {
      log.remove(previous);
    }
    log.put(nextSequence, new Change(nextSequence, fileId, removed, time));
    nextSequence++;
  }
}
