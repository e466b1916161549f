package theo.gmail;

import com.google.api.services.gmail.model.History;
import com.google.api.services.gmail.model.HistoryLabelAdded;
import com.google.api.services.gmail.model.HistoryLabelRemoved;
import com.google.api.services.gmail.model.HistoryMessageAdded;
import com.google.api.services.gmail.model.HistoryMessageDeleted;
import com.google.api.services.gmail.model.ListHistoryResponse;
import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Message;
import com.google.api.services.gmail.model.Profile;
import com.google.api.services.people.v1.model.ListConnectionsResponse;
import io.micrometer.context.ContextExecutorService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import theo.gmail.GmailMappers.MessageRow;
import theo.gmail.GmailSyncStateRepository.SyncState;
import theo.google.GoogleInvalidRequestException;
import theo.google.GoogleNotFoundException;
import theo.integration.spi.SyncCancelledException;
import theo.integration.spi.SyncEngine;
import theo.integration.spi.SyncResult;
import theo.integration.spi.SyncRun;
import theo.integration.spi.SyncType;

/**
 * Gmail's sync: a full sync lists the whole mailbox page by page and fetches messages in batches,
 * committing and checkpointing each page (a later run resumes from the checkpoint); an incremental
 * sync applies every history record since the stored historyId, and falls back to a full sync when
 * Google no longer has that history. A full sync marks what it sees with a new generation and
 * sweeps the rest, then catches up through history from the historyId it read at its start.
 */
@Component
class GmailSyncEngine implements SyncEngine {
  private static final Logger log = LoggerFactory.getLogger(GmailSyncEngine.class);

  private final GmailClient client;
  private final GmailRepository repository;
  private final GmailSyncStateRepository syncState;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final int parallelBatches;
  // Batches store their own messages; this keeps them from taking every database connection.
  private final Semaphore storing;

  GmailSyncEngine(
      GmailClient client,
      GmailRepository repository,
      GmailSyncStateRepository syncState,
      TransactionTemplate transactions,
      GmailProperties properties,
      Clock clock) {
    this.client = client;
    this.repository = repository;
    this.syncState = syncState;
    this.transactions = transactions;
    this.clock = clock;
    this.parallelBatches = properties.parallelBatches();
    this.storing = new Semaphore(Math.max(1, parallelBatches / 2));
  }

  /**
   * Runs one sync on threads of its own for its batch requests: a batch waits for quota on its
   * thread, so with threads shared between users a paced sync could hold them all and stall the
   * others.
   */
  @Override
  public SyncResult sync(UUID userId, SyncType type, SyncRun run) {
    AtomicInteger threads = new AtomicInteger();
    String name = "gmail-batch-" + userId.toString().substring(0, 8) + "-";
    // Wrapped so each batch's Google call is a span of the sync run's trace (context propagation).
    ExecutorService pool =
        ContextExecutorService.wrap(
            Executors.newFixedThreadPool(
                parallelBatches * 2,
                task -> {
                  Thread thread = new Thread(task, name + threads.incrementAndGet());
                  thread.setDaemon(true);
                  return thread;
                }));
    try {
      Integer maxAgeDays = syncState.maxAgeDays(userId).orElse(null);
      return sync(new SyncJob(userId, client.mailbox(userId), pool, run, maxAgeDays), type);
    } finally {
      pool.shutdownNow();
    }
  }

  private SyncResult sync(SyncJob job, SyncType type) {
    SyncState state = syncState.state(job.userId()).orElse(null);
    // A changed maximum age needs a new listing: older mail to fetch, or newly too old to sweep.
    boolean settingsChanged =
        state != null && !Objects.equals(state.maxAgeDays(), job.maxAgeDays());
    if (state != null && state.fullSyncInProgress() && !settingsChanged) {
      return fullSync(job, state);
    }
    if (type == SyncType.FULL || state == null || state.historyId() == null || settingsChanged) {
      return fullSync(job, null);
    }
    try {
      return new SyncResult(SyncType.INCREMENTAL, incrementalSync(job, state.historyId(), 0));
    } catch (GoogleNotFoundException e) {
      log.info("Gmail history of user {} expired; syncing in full", job.userId());
      return fullSync(job, null);
    }
  }

  @Override
  public GmailStats stats(UUID userId) {
    return repository.stats(userId);
  }

  /**
   * Starts a full sync ({@code resumed} null) or continues the one in {@code resumed}, in passes:
   * labels, the pages of messages, then labels and contacts again and the catch-up through history.
   */
  private SyncResult fullSync(SyncJob job, @Nullable SyncState resumed) {
    Profile profile = job.mailbox().profile();
    FullPass pass =
        resumed == null
            ? startFullPass(job, profile.getHistoryId().longValue())
            : FullPass.resumed(resumed);
    // With a maximum age the profile's total is too high; the listing's estimate replaces it.
    pass.total =
        pass.receivedAfter != null || profile.getMessagesTotal() == null
            ? -1
            : profile.getMessagesTotal();
    job.run().progress(pass.processed, pass.shownTotal());
    // Labels first, so the pages can show them while messages arrive.
    syncLabels(job, pass.generation);
    storePages(job, pass);
    return finishFullSync(job, pass);
  }

  /** Opens a new full sync generation that lists from the first page. */
  private FullPass startFullPass(SyncJob job, long startHistoryId) {
    Instant receivedAfter = receivedAfter(job.maxAgeDays());
    long generation =
        syncState.startFullSync(
            job.userId(), startHistoryId, job.maxAgeDays(), receivedAfter, clock.instant());
    return new FullPass(generation, startHistoryId, receivedAfter, null, false, 0);
  }

  /**
   * Lists the mailbox from the pass's page token to the end, storing and checkpointing page by
   * page. One page is fetched ahead: while a page is stored, the next one's batches are already
   * waiting for quota, so the user's minute of quota never idles between pages.
   */
  private void storePages(SyncJob job, FullPass pass) {
    PageFetch current = null;
    PageFetch ahead = null;
    try {
      while (!pass.listed) {
        job.run().checkCancelled();
        try {
          if (current == null) {
            current = startPage(job, pass.pageToken, pass.receivedAfter, pass.generation);
          }
          String next = current.nextPageToken();
          ahead = next == null ? null : startPage(job, next, pass.receivedAfter, pass.generation);
        } catch (PageTokenRefused e) {
          // The page token (a checkpoint's, most likely) is no longer accepted: start over under
          // a new generation; the sweep at the end removes nothing that still exists.
          log.info("Gmail page token of user {} refused; restarting the full sync", job.userId());
          cancel(current);
          current = null;
          pass.restartAs(startFullPass(job, job.mailbox().profile().getHistoryId().longValue()));
          continue;
        }
        storePage(job, pass, current);
        current = ahead;
        ahead = null;
      }
    } finally {
      cancel(current);
      cancel(ahead);
    }
  }

  /** Waits for a page's messages, then refreshes its threads and checkpoints in one transaction. */
  private void storePage(SyncJob job, FullPass pass, PageFetch page) {
    long waited = System.nanoTime();
    Stored stored = page.fetch().await();
    String next = page.nextPageToken();
    long done = pass.processed + stored.messages();
    transactions.executeWithoutResult(
        status -> {
          repository.refreshThreads(job.userId(), stored.threadIds());
          syncState.checkpoint(job.userId(), next, done, clock.instant());
        });
    log.debug(
        "Gmail page of {}: waited {} ms for its batches to be fetched and stored",
        stored.messages(),
        (System.nanoTime() - waited) / 1_000_000);
    pass.processed = done;
    if (pass.receivedAfter != null && page.page().getResultSizeEstimate() != null) {
      pass.total = Math.max(pass.total, page.page().getResultSizeEstimate());
    }
    job.run().progress(pass.processed, pass.shownTotal());
    pass.pageToken = next;
    pass.listed = next == null;
  }

  /**
   * Labels and contacts are small: read whole under the final generation, so they are swept too;
   * then the generation is finished and the changes made while the pages were read are caught up
   * through the history since the start.
   */
  private SyncResult finishFullSync(SyncJob job, FullPass pass) {
    syncLabels(job, pass.generation);
    syncContacts(job, pass.generation);
    transactions.executeWithoutResult(
        status -> {
          repository.sweep(job.userId(), pass.generation);
          syncState.finishFullSync(job.userId(), pass.startHistoryId, clock.instant());
        });
    return new SyncResult(SyncType.FULL, incrementalSync(job, pass.startHistoryId, pass.processed));
  }

  /** Where a full sync is: its generation, its start in history, and how far it listed. */
  private static final class FullPass {
    long generation;
    long startHistoryId;
    @Nullable Instant receivedAfter;
    @Nullable String pageToken;
    boolean listed;
    long processed;
    long total = -1;

    FullPass(
        long generation,
        long startHistoryId,
        @Nullable Instant receivedAfter,
        @Nullable String pageToken,
        boolean listed,
        long processed) {
      this.generation = generation;
      this.startHistoryId = startHistoryId;
      this.receivedAfter = receivedAfter;
      this.pageToken = pageToken;
      this.listed = listed;
      this.processed = processed;
    }

    static FullPass resumed(SyncState state) {
      return new FullPass(
          Objects.requireNonNull(state.fullGeneration()),
          Objects.requireNonNull(state.fullHistoryId()),
          state.fullReceivedAfter(),
          state.fullPageToken(),
          state.fullListed(),
          state.fullProcessed());
    }

    /** Starts over under {@code fresh}'s generation, keeping the total shown. */
    void restartAs(FullPass fresh) {
      generation = fresh.generation;
      startHistoryId = fresh.startHistoryId;
      receivedAfter = fresh.receivedAfter;
      pageToken = null;
      processed = 0;
    }

    long shownTotal() {
      return Math.max(total, processed);
    }
  }

  /**
   * The oldest receipt time kept under {@code maxAgeDays} (whole seconds), or null for all mail.
   */
  private @Nullable Instant receivedAfter(@Nullable Integer maxAgeDays) {
    return maxAgeDays == null
        ? null
        : clock.instant().minus(Duration.ofDays(maxAgeDays)).truncatedTo(ChronoUnit.SECONDS);
  }

  /** The rows received at or after {@code receivedAfter} (all when null), as Gmail's after:. */
  private static List<MessageRow> receivedSince(
      List<MessageRow> rows, @Nullable Instant receivedAfter) {
    return receivedAfter == null
        ? rows
        : rows.stream().filter(row -> !row.internalDate().isBefore(receivedAfter)).toList();
  }

  /** Lists a page and starts fetching and storing its messages. */
  private PageFetch startPage(
      SyncJob job, @Nullable String pageToken, @Nullable Instant receivedAfter, long generation) {
    ListMessagesResponse page;
    try {
      page = job.mailbox().listMessages(pageToken, receivedAfter);
    } catch (GoogleNotFoundException | GoogleInvalidRequestException e) {
      if (pageToken != null) {
        throw new PageTokenRefused();
      }
      throw e;
    }
    List<String> ids =
        page.getMessages() == null
            ? List.of()
            : page.getMessages().stream().map(Message::getId).toList();
    return new PageFetch(page, startFetch(job, ids, receivedAfter, generation));
  }

  private static void cancel(@Nullable PageFetch page) {
    if (page != null) {
      page.fetch().cancel();
    }
  }

  private void syncLabels(SyncJob job, long generation) {
    repository.upsertLabels(
        job.userId(),
        job.mailbox().labels().stream().map(GmailMappers::label).toList(),
        generation);
  }

  private void syncContacts(SyncJob job, long generation) {
    String token = null;
    do {
      ListConnectionsResponse page = job.mailbox().connections(token);
      if (page.getConnections() != null) {
        repository.upsertContacts(
            job.userId(),
            page.getConnections().stream()
                .filter(person -> person.getResourceName() != null)
                .map(GmailMappers::contact)
                .toList(),
            generation);
      }
      token = page.getNextPageToken();
    } while (token != null && !token.isEmpty());
  }

  /**
   * Applies every history record after {@code startHistoryId} (all pages), then stores the new
   * historyId; returns {@code processed} plus the messages it touched.
   *
   * @throws GoogleNotFoundException when the history has expired
   */
  private long incrementalSync(SyncJob job, long startHistoryId, long processed) {
    UUID userId = job.userId();
    SyncRun run = job.run();
    Instant receivedAfter = receivedAfter(job.maxAgeDays());
    Set<String> added = new LinkedHashSet<>();
    Set<String> deleted = new LinkedHashSet<>();
    Map<String, GmailRepository.Relabel> relabelled = new LinkedHashMap<>();
    long newHistoryId = startHistoryId;
    String token = null;
    do {
      run.checkCancelled();
      ListHistoryResponse page = job.mailbox().history(startHistoryId, token);
      if (page.getHistoryId() != null) {
        newHistoryId = Math.max(newHistoryId, page.getHistoryId().longValue());
      }
      for (History record : page.getHistory() == null ? List.<History>of() : page.getHistory()) {
        apply(record, added, deleted, relabelled);
      }
      token = page.getNextPageToken();
    } while (token != null && !token.isEmpty());

    SyncState state = syncState.state(userId).orElseThrow();
    long generation = state.generation();
    relabelled.keySet().removeAll(added);
    Set<String> unknown = transactions.execute(status -> repository.relabel(userId, relabelled));
    // A relabelled message Theo lacks is fetched whole rather than left out.
    added.addAll(unknown);
    List<String> toFetch = new ArrayList<>(added);
    long count = processed;
    Fetch ahead = null;
    try {
      for (int from = 0; from < toFetch.size(); from += GmailClient.LIST_PAGE_SIZE) {
        Fetch current =
            ahead != null
                ? ahead
                : startFetch(job, chunk(toFetch, from), receivedAfter, generation);
        int next = from + GmailClient.LIST_PAGE_SIZE;
        ahead =
            next < toFetch.size()
                ? startFetch(job, chunk(toFetch, next), receivedAfter, generation)
                : null;
        Stored stored = current.await();
        transactions.executeWithoutResult(
            status -> repository.refreshThreads(userId, stored.threadIds()));
        count += stored.messages();
        run.progress(count, -1);
      }
    } finally {
      if (ahead != null) {
        ahead.cancel();
      }
    }
    long storedHistoryId = newHistoryId;
    transactions.executeWithoutResult(
        status -> {
          repository.deleteMessages(userId, deleted);
          if (receivedAfter != null) {
            // Mail ages out of the window between runs.
            repository.deleteReceivedBefore(userId, receivedAfter);
          }
          syncState.historyId(userId, storedHistoryId, clock.instant());
        });
    return count + deleted.size() + relabelled.size() - unknown.size();
  }

  /** Folds one history record into the pending changes; later records win. */
  private static void apply(
      History record,
      Set<String> added,
      Set<String> deleted,
      Map<String, GmailRepository.Relabel> relabelled) {
    long historyId = record.getId().longValue();
    if (record.getMessagesAdded() != null) {
      for (HistoryMessageAdded item : record.getMessagesAdded()) {
        String id = item.getMessage().getId();
        added.add(id);
        deleted.remove(id);
      }
    }
    if (record.getMessagesDeleted() != null) {
      for (HistoryMessageDeleted item : record.getMessagesDeleted()) {
        String id = item.getMessage().getId();
        deleted.add(id);
        added.remove(id);
        relabelled.remove(id);
      }
    }
    if (record.getLabelsAdded() != null) {
      for (HistoryLabelAdded item : record.getLabelsAdded()) {
        relabel(item.getMessage(), historyId, added, deleted, relabelled);
      }
    }
    if (record.getLabelsRemoved() != null) {
      for (HistoryLabelRemoved item : record.getLabelsRemoved()) {
        relabel(item.getMessage(), historyId, added, deleted, relabelled);
      }
    }
  }

  private static void relabel(
      Message message,
      long historyId,
      Set<String> added,
      Set<String> deleted,
      Map<String, GmailRepository.Relabel> relabelled) {
    String id = message.getId();
    if (deleted.contains(id)) {
      return;
    }
    if (message.getLabelIds() != null) {
      relabelled.put(
          id, new GmailRepository.Relabel(List.copyOf(message.getLabelIds()), historyId));
    } else {
      // Without the message's labels in the record, fetch it for its current ones.
      added.add(id);
    }
  }

  private static List<String> chunk(List<String> ids, int from) {
    return ids.subList(from, Math.min(ids.size(), from + GmailClient.LIST_PAGE_SIZE));
  }

  /**
   * Starts fetching messages in parallel batches on the pool; each batch stores its own messages
   * (those received at or after {@code receivedAfter}, all when null) as soon as it has them, so a
   * page's rows neither wait in memory for the whole page nor for one thread to write them. The
   * caller rebuilds the threads and checkpoints once every batch of the page is stored.
   */
  private Fetch startFetch(
      SyncJob job, List<String> ids, @Nullable Instant receivedAfter, long generation) {
    int size = client.maxBatchParts();
    List<Future<Stored>> parts = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += size) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + size));
      parts.add(
          job.pool()
              .submit(
                  () -> {
                    job.run().checkCancelled();
                    // Mail older than the maximum age (an old message relabelled, say) is not kept.
                    List<MessageRow> rows =
                        receivedSince(
                            List.copyOf(job.mailbox().messages(chunk).values()), receivedAfter);
                    return store(job.userId(), rows, generation);
                  }));
    }
    return new Fetch(parts);
  }

  /** Upserts one batch's messages, at most {@link #storing} batches at a time. */
  private Stored store(UUID userId, List<MessageRow> rows, long generation)
      throws InterruptedException {
    Set<String> threadIds = new HashSet<>();
    rows.forEach(row -> threadIds.add(row.threadId()));
    storing.acquire();
    try {
      transactions.executeWithoutResult(
          status -> repository.upsertMessages(userId, rows, generation));
    } finally {
      storing.release();
    }
    return new Stored(rows.size(), threadIds);
  }

  /**
   * One sync of one user: their mailbox at Google, the sync's own batch threads, the caller's run
   * (progress, cancellation) and the maximum age of mail the user keeps (null: all).
   */
  private record SyncJob(
      UUID userId,
      GmailClient.Mailbox mailbox,
      ExecutorService pool,
      SyncRun run,
      @Nullable Integer maxAgeDays) {}

  /** What the batches of a page stored: how many messages, in which threads. */
  private record Stored(long messages, Set<String> threadIds) {}

  /** Messages being fetched and stored in batches. */
  private static final class Fetch {
    private final List<Future<Stored>> parts;

    Fetch(List<Future<Stored>> parts) {
      this.parts = parts;
    }

    /** Waits until every batch has stored its messages. */
    Stored await() {
      long messages = 0;
      Set<String> threadIds = new HashSet<>();
      try {
        for (Future<Stored> part : parts) {
          Stored stored = part.get();
          messages += stored.messages();
          threadIds.addAll(stored.threadIds());
        }
      } catch (InterruptedException e) {
        cancel();
        Thread.currentThread().interrupt();
        throw new SyncCancelledException();
      } catch (ExecutionException e) {
        cancel();
        if (e.getCause() instanceof RuntimeException cause) {
          throw cause;
        }
        if (e.getCause() instanceof InterruptedException) {
          throw new SyncCancelledException();
        }
        throw new IllegalStateException(e.getCause());
      }
      return new Stored(messages, threadIds);
    }

    void cancel() {
      parts.forEach(part -> part.cancel(true));
    }
  }

  /** A listed page and the fetch of its messages. */
  private record PageFetch(ListMessagesResponse page, Fetch fetch) {
    String nextPageToken() {
      return page.getNextPageToken();
    }
  }

  /** A page token Google no longer accepts. */
  private static final class PageTokenRefused extends RuntimeException {
    PageTokenRefused() {
      super(null, null, false, false);
    }
  }
}
