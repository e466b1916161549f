package theo.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.gmail.model.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import theo.TheoTest;
import theo.auth.GoogleAccounts;
import theo.emulator.GoogleEmulator;
import theo.gmail.GmailMappers.MessageRow;
import theo.gmail.GmailTestSupport.Person;

/** The Gmail batch fast path under the Google module's 401 handling, against the emulator. */
@TheoTest
class GmailClientTests {
  @LocalServerPort int port;
  @Autowired GoogleEmulator emulator;
  @Autowired JdbcClient jdbc;
  @Autowired GoogleAccounts googleAccounts;
  @Autowired GmailClient client;
  @Autowired GmailQuota quota;

  GmailTestSupport support;

  @BeforeEach
  void setUp() throws Exception {
    support = new GmailTestSupport(port, emulator, jdbc, googleAccounts);
    support.quota(quota, 1_000_000);
  }

  @AfterEach
  void restoreGoogleQuota() throws Exception {
    support.quota(quota, GmailQuota.DEFAULT_USER_UNITS_PER_MINUTE);
  }

  @Test
  void messagesWhenGoogleExpiredTheTokenUnderParallelBatchesThenOneRefreshAndEveryRow()
      throws Exception {
    Person person = support.connect("batch401", true);
    support.generate(person.email(), 120, 9);
    List<String> ids =
        client.mailbox(person.userId()).listMessages(null, null).getMessages().stream()
            .map(Message::getId)
            .toList();
    assertThat(ids).hasSize(120);
    GmailClient.Mailbox mailbox = client.mailbox(person.userId());
    mailbox.profile(); // the mailbox now holds the token Google is about to refuse
    support.admin("POST", "/emulator/accounts/" + person.email() + "/tokens/expire", null);
    long refreshes = emulator.stats().get("refreshes");

    ExecutorService threads = Executors.newFixedThreadPool(4);
    List<Future<Map<String, MessageRow>>> batches = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += 30) {
      List<String> part = ids.subList(from, from + 30);
      batches.add(threads.submit(() -> mailbox.messages(part)));
    }
    Map<String, MessageRow> rows = new HashMap<>();
    for (Future<Map<String, MessageRow>> batch : batches) {
      rows.putAll(batch.get(60, TimeUnit.SECONDS));
    }
    threads.shutdown();

    assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(emulator.stats().get("refreshes")).isEqualTo(refreshes + 1);
  }
}
