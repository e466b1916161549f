package theo.emulator.gmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import theo.emulator.http.ApiException;

class MailboxTests {
  private static final long NOW = 1_790_000_000_000L;

  private static Mailbox.Delivery delivery(String subject, String threadId) {
    MimeNode root =
        MimeNode.text("text/plain", "body of " + subject)
            .withLeadingHeaders(List.of(new MimeNode.Header("Subject", subject)));
    return new Mailbox.Delivery(root, threadId, NOW, Set.of("INBOX", "UNREAD"), subject, 100);
  }

  @Test
  void deliverWhenManyThreadsAtOnceThenUniqueIdsAndOneHistoryRecordEach() throws Exception {
    Mailbox mailbox = new Mailbox("owner@example.com");
    long start = mailbox.historyId();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 50; i++) {
                  mailbox.deliver(delivery("t" + thread + "-" + i, null));
                  mailbox.list(message -> true);
                }
              }));
    }
    for (Future<?> future : futures) {
      future.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(mailbox.messagesTotal()).isEqualTo(200);
    assertThat(mailbox.list(message -> true))
        .extracting(m -> m.message().id())
        .doesNotHaveDuplicates();
    List<HistoryRecord> history = mailbox.historySince(start);
    assertThat(history).hasSize(200).allMatch(HistoryRecord::messageAdded);
    assertThat(history).extracting(HistoryRecord::id).isSorted().doesNotHaveDuplicates();
    assertThat(mailbox.historyId()).isEqualTo(start + 200);
  }

  @Test
  void modifyWhenNothingChangesThenNoHistoryRecord() {
    Mailbox mailbox = new Mailbox("owner@example.com");
    String id = mailbox.deliver(delivery("a", null)).message().id();
    long before = mailbox.historyId();

    mailbox.modify(id, Set.of("INBOX"), Set.of("STARRED"));

    assertThat(mailbox.historyId()).isEqualTo(before);
    assertThat(mailbox.historySince(before)).isEmpty();
  }

  @Test
  void deleteWhenLastMessageOfThreadThenThreadIsGone() {
    Mailbox mailbox = new Mailbox("owner@example.com");
    StoredMessage.Snapshot first = mailbox.deliver(delivery("a", null));
    StoredMessage.Snapshot reply = mailbox.deliver(delivery("Re: a", first.message().threadId()));
    assertThat(mailbox.threadsTotal()).isEqualTo(1);

    mailbox.delete(first.message().id());
    assertThat(mailbox.thread(first.message().threadId()))
        .extracting(m -> m.message().id())
        .containsExactly(reply.message().id());
    mailbox.delete(reply.message().id());

    assertThat(mailbox.threadsTotal()).isZero();
    assertThatThrownBy(() -> mailbox.delete(reply.message().id())).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> mailbox.modify("nope", Set.of("BOGUS"), Set.of()))
        .isInstanceOf(ApiException.class);
  }
}
