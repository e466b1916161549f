package theo.emulator.push;

import static org.assertj.core.api.Assertions.assertThat;
import static theo.emulator.push.PushTestSupport.ALICE;

import com.google.api.services.calendar.model.Channel;
import com.google.api.services.gmail.model.WatchRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * On demand only ({@code -Dtheo.benchmark=true}): how long a change takes to reach a local
 * receiver, from just before the admin call that makes it to the receiver reading the request, for
 * Calendar channels and for Gmail's Pub/Sub push (with its signed token). Prints p50/p95/max.
 */
@EnabledIfSystemProperty(named = "theo.benchmark", matches = "true")
class PushLatencyBenchmark {
  private static final int CHANGES = Integer.getInteger("theo.benchmark.changes", 200);

  @Test
  void changeToNotification() throws Exception {
    try (PushTestSupport support = new PushTestSupport();
        Receiver receiver = new Receiver()) {
      support
          .calendar(ALICE)
          .events()
          .watch(
              "primary",
              new Channel().setId("bench").setType("web_hook").setAddress(receiver.url("/c")))
          .execute();
      receiver.next();
      support.admin(
          "PUT",
          "/emulator/pubsub/subscriptions",
          Map.of(
              "name", "projects/p/subscriptions/s",
              "topic", "projects/p/topics/t",
              "pushEndpoint", receiver.url("/g")));
      support
          .gmail(ALICE)
          .users()
          .watch("me", new WatchRequest().setTopicName("projects/p/topics/t"))
          .execute();

      List<Long> calendar = new ArrayList<>();
      List<Long> gmail = new ArrayList<>();
      for (int i = 0; i < CHANGES; i++) {
        long before = System.nanoTime();
        support.adminEvent(ALICE, "Event " + i);
        calendar.add(receiver.next().nanos() - before);
        before = System.nanoTime();
        support.adminMail(ALICE, null);
        gmail.add(receiver.next().nanos() - before);
      }
      print("calendar channel", calendar);
      print("gmail pub/sub push", gmail);
      assertThat(calendar).hasSize(CHANGES);
    }
  }

  private static void print(String what, List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos.subList(nanos.size() / 10, nanos.size()));
    Collections.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "push latency %s (after %d warm-up): p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
        what,
        nanos.size() / 10,
        ms(sorted.get(sorted.size() / 2)),
        ms(sorted.get((int) (sorted.size() * 0.95))),
        ms(sorted.get(sorted.size() - 1)));
  }

  private static double ms(long nanos) {
    return nanos / (double) TimeUnit.MILLISECONDS.toNanos(1);
  }
}
