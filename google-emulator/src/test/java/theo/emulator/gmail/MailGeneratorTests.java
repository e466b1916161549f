package theo.emulator.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import theo.emulator.EmulatorFixture;

class MailGeneratorTests {
  private static final Instant ANCHOR = Instant.parse("2026-11-25T00:00:00Z");

  private static List<StoredMessage.Snapshot> generate(long seed, int count) {
    Mailbox mailbox = new Mailbox("owner@example.com");
    mailbox.importAll(
        new MailGenerator("owner@example.com", "Owner Person", seed, ANCHOR)
            .generate(count, mailbox));
    return mailbox.list(message -> true);
  }

  @Test
  void generateWhenSameSeedAndCountThenIdenticalMailbox() {
    List<StoredMessage.Snapshot> first = generate(42, 500);
    List<StoredMessage.Snapshot> second = generate(42, 500);
    assertThat(first).hasSize(500);
    assertThat(second)
        .extracting(m -> m.message().id())
        .isEqualTo(first.stream().map(m -> m.message().id()).toList());
    assertThat(second)
        .extracting(m -> m.message().header("Subject"))
        .isEqualTo(first.stream().map(m -> m.message().header("Subject")).toList());
    assertThat(second)
        .extracting(StoredMessage.Snapshot::labelIds)
        .isEqualTo(first.stream().map(StoredMessage.Snapshot::labelIds).toList());
    for (int i = 0; i < 20; i++) {
      assertThat(Rfc822.write(second.get(i).message().root()))
          .isEqualTo(Rfc822.write(first.get(i).message().root()));
    }
    List<StoredMessage.Snapshot> other = generate(43, 500);
    assertThat(other.stream().map(m -> m.message().header("Subject")).toList())
        .isNotEqualTo(first.stream().map(m -> m.message().header("Subject")).toList());
  }

  @Test
  void htmlWhenParagraphBreaksThenOneParagraphEachWithSpecialCharactersEscaped() {
    assertThat(MailGenerator.html("Hi,\r\nthere\r\n\r\nb <c> & 'd' \"e\"\r\n\r\n\r\n\r\n"))
        .isEqualTo(
            "<html><body>\r\n<p>Hi,\r\nthere</p>\r\n"
                + "<p>b &lt;c&gt; &amp; &#39;d&#39; &quot;e&quot;</p>\r\n</body></html>\r\n");
    assertThat(MailGenerator.html("one\r\n\r\n\r\n\r\ntwo"))
        .isEqualTo("<html><body>\r\n<p>one</p>\r\n<p></p>\r\n<p>two</p>\r\n</body></html>\r\n");
    assertThat(MailGenerator.html("")).isEqualTo("<html><body>\r\n<p></p>\r\n</body></html>\r\n");
  }

  @Test
  void htmlWhenNonAsciiTextOrOnlyBreaksThenAsEscapingTheStringParagraphByParagraph() {
    assertThat(MailGenerator.html("Grüße, O'Brien\r\n\r\nこんにちは <€100>"))
        .isEqualTo(
            "<html><body>\r\n<p>Grüße, O&#39;Brien</p>\r\n<p>こんにちは &lt;€100&gt;</p>\r\n"
                + "</body></html>\r\n");
    assertThat(MailGenerator.html("\r\n\r\n\r\n\r\n"))
        .isEqualTo("<html><body>\r\n</body></html>\r\n");
    assertThat(MailGenerator.html("\r\n\r\n\r\n"))
        .isEqualTo("<html><body>\r\n<p></p>\r\n<p>\r\n</p>\r\n</body></html>\r\n");
  }

  @Test
  void bodyRandomWhenSameSeedThenTheSameNumbersAsJavaUtilRandom() {
    for (long seed : new long[] {0, 1, -1, 42, Long.MIN_VALUE, Long.MAX_VALUE, 0x5DEECE66DL}) {
      java.util.Random expected = new java.util.Random(seed);
      MailGenerator.BodyRandom actual = new MailGenerator.BodyRandom(seed);
      for (int i = 0; i < 10_000; i++) {
        int bound = new int[] {12, 51, 8, 1, 2, 1 << 30, Integer.MAX_VALUE, (1 << 30) + 1}[i % 8];
        assertThat(actual.nextInt(bound))
            .as("seed %d draw %d", seed, i)
            .isEqualTo(expected.nextInt(bound));
      }
    }
  }

  @Test
  void generateWhenTenThousandMessagesThenFastAndRealisticallyVaried() {
    long started = System.nanoTime();
    List<StoredMessage.Snapshot> messages = generate(7, 10_000);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(took).isLessThan(Duration.ofSeconds(10));
    assertThat(messages).hasSize(10_000);

    long threads = messages.stream().map(m -> m.message().threadId()).distinct().count();
    long mostlyMidSized =
        messages.stream()
            .filter(
                m -> m.message().sizeEstimate() >= 2_000 && m.message().sizeEstimate() <= 60_000)
            .count();
    long large = messages.stream().filter(m -> m.message().sizeEstimate() >= 100_000).count();
    long nonAscii =
        messages.stream()
            .filter(m -> !m.message().header("Subject").chars().allMatch(c -> c < 128))
            .count();
    long htmlOnly =
        messages.stream().filter(m -> m.message().root().mimeType().equals("text/html")).count();
    long alternative =
        messages.stream()
            .filter(m -> m.message().root().mimeType().equals("multipart/alternative"))
            .count();
    long mixed =
        messages.stream()
            .filter(m -> m.message().root().mimeType().equals("multipart/mixed"))
            .count();
    long span =
        messages.get(0).message().internalDate()
            - messages.get(messages.size() - 1).message().internalDate();
    assertThat(threads).isBetween(4_000L, 8_000L);
    assertThat(mostlyMidSized).isGreaterThan(7_000);
    assertThat(large).isBetween(100L, 2_000L);
    assertThat(nonAscii).isGreaterThan(500);
    assertThat(htmlOnly).isGreaterThan(500);
    assertThat(alternative).isGreaterThan(3_000);
    assertThat(mixed).isGreaterThan(500);
    assertThat(span)
        .isGreaterThan(Duration.ofDays(300).toMillis())
        .isLessThanOrEqualTo(Duration.ofDays(366).toMillis());
    for (String label :
        List.of("UNREAD", "STARRED", "IMPORTANT", "INBOX", "SENT", "SPAM", "TRASH")) {
      assertThat(messages.stream().filter(m -> m.labelIds().contains(label)).count())
          .as(label)
          .isPositive();
    }
    System.out.printf("generated 10000 messages in %d ms%n", took.toMillis());
  }

  @Test
  void generateWhenSameSeedForTwoAccountsThroughAdminApiThenSameIdsAndSubjects() throws Exception {
    try (EmulatorFixture fixture = new EmulatorFixture()) {
      fixture
          .emulator()
          .context()
          .quotas()
          .find("gmail")
          .orElseThrow()
          .setLimits(1_000_000, 1_000_000);
      List<List<String>> views = new java.util.ArrayList<>();
      for (String email : List.of("alice@example.com", "bob@example.com")) {
        EmulatorFixture.Answer answer =
            fixture.admin(
                "POST",
                "/emulator/accounts/" + email + "/gmail/generate",
                Map.of("count", 60, "seed", 99));
        assertThat(answer.json()).containsEntry("messagesTotal", 60.0);
        var gmail = fixture.gmail(fixture.token(email, EmulatorFixture.GMAIL_READONLY));
        List<String> view = new java.util.ArrayList<>();
        for (var reference :
            gmail.users().messages().list("me").setIncludeSpamTrash(true).execute().getMessages()) {
          var message =
              gmail
                  .users()
                  .messages()
                  .get("me", reference.getId())
                  .setFormat("metadata")
                  .setMetadataHeaders(List.of("Subject"))
                  .execute();
          view.add(message.getId() + " " + message.getPayload().getHeaders().get(0).getValue());
        }
        views.add(view);
      }
      assertThat(views.get(0)).hasSize(60).isEqualTo(views.get(1));
    }
  }
}
