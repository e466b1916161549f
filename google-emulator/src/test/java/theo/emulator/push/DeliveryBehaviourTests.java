package theo.emulator.push;

import static org.assertj.core.api.Assertions.assertThat;
import static theo.emulator.push.PushTestSupport.ALICE;

import com.google.api.services.calendar.model.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Retries and the admin API's delay, drop, duplicate and reorder, seen from the receiver. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryBehaviourTests {
  private final PushTestSupport support = new PushTestSupport();
  private final AtomicInteger channels = new AtomicInteger();
  private Receiver receiver;
  private String channel;

  @BeforeEach
  void start() throws Exception {
    support.reset();
    receiver = new Receiver();
    channel = "ch-" + channels.incrementAndGet();
    support.admin(
        "PUT", "/emulator/push/retry", Map.of("initialBackoffMs", 20, "maxBackoffMs", 100));
    support
        .calendar(ALICE)
        .events()
        .watch(
            "primary",
            new Channel().setId(channel).setType("web_hook").setAddress(receiver.url("/hook")))
        .execute();
    assertThat(receiver.next().header("X-Goog-Resource-State")).isEqualTo("sync");
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @AfterAll
  void close() {
    support.close();
  }

  private void behaviour(Map<String, Object> behaviour) {
    assertThat(support.admin("PUT", "/emulator/push/behaviour", behaviour).status()).isEqualTo(200);
  }

  private String number(Receiver.Received received) {
    return received.header("X-Goog-Message-Number");
  }

  @Test
  void failedDeliveryIsRetriedUntilAccepted() throws Exception {
    receiver.answer(500, 503);
    support.adminEvent(ALICE, "Retried");

    List<String> numbers = List.of(number(receiver.next()), number(receiver.next()));
    Receiver.Received accepted = receiver.next();

    assertThat(numbers).containsOnly("2");
    assertThat(number(accepted)).isEqualTo("2");
    awaitDelivered(2);
    Map<String, Object> counts =
        support.admin("GET", "/emulator/push/deliveries?target=" + channel, null).json();
    assertThat(counts)
        .containsEntry("attempted", 4.0)
        .containsEntry("delivered", 2.0)
        .containsEntry("failed", 2.0);
  }

  @Test
  void retriesEndAfterMaxAttempts() throws Exception {
    support.admin("PUT", "/emulator/push/retry", Map.of("maxAttempts", 2));
    receiver.answer(500, 500, 500);
    support.adminEvent(ALICE, "Given up");

    receiver.next();
    receiver.next();
    assertThat(receiver.within(300)).isNull();
    assertThat(support.admin("GET", "/emulator/push/deliveries", null).json())
        .containsEntry("abandoned", 1.0);
  }

  @Test
  void droppedNotificationLeavesAGapInMessageNumbers() throws Exception {
    behaviour(Map.of("account", ALICE, "dropNext", 1));
    support.adminEvent(ALICE, "Lost");
    support.adminEvent(ALICE, "Seen");

    assertThat(number(receiver.next())).isEqualTo("3");
    assertThat(support.admin("GET", "/emulator/push/deliveries?target=" + channel, null).json())
        .containsEntry("dropped", 1.0);
  }

  @Test
  void duplicatedNotificationArrivesTwice() throws Exception {
    behaviour(Map.of("duplicateRate", 1));
    support.adminEvent(ALICE, "Twice");

    assertThat(List.of(number(receiver.next()), number(receiver.next()))).containsOnly("2");
  }

  @Test
  void delayedNotificationWaits() throws Exception {
    behaviour(Map.of("delayMs", 300));
    long changed = System.nanoTime();
    support.adminEvent(ALICE, "Later");

    Receiver.Received late = receiver.next();
    assertThat(TimeUnit.NANOSECONDS.toMillis(late.nanos() - changed)).isGreaterThanOrEqualTo(300);
  }

  @Test
  void reorderedNotificationsArriveNewestFirst() throws Exception {
    behaviour(Map.of("reorderWindowMs", 1000));
    support.adminEvent(ALICE, "First");
    support.adminEvent(ALICE, "Second");

    assertThat(List.of(number(receiver.next()), number(receiver.next()))).containsExactly("3", "2");
  }

  @Test
  void apiCallDoesNotWaitForTheReceiver() throws Exception {
    CountDownLatch held = receiver.hold();
    support.adminEvent(ALICE, "One");
    support.adminEvent(ALICE, "Two");
    // both changes were made while the first notification is still unanswered
    assertThat(number(receiver.next())).isEqualTo("2");
    held.countDown();
    assertThat(number(receiver.next())).isEqualTo("3");
  }

  private void awaitDelivered(int delivered) throws InterruptedException {
    List<Object> seen = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Object value =
          support
              .admin("GET", "/emulator/push/deliveries?target=" + channel, null)
              .json()
              .get("delivered");
      seen.add(value);
      if (value instanceof Double count && count >= delivered) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("delivered counts seen: " + seen);
  }
}
