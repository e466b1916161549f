package theo.emulator.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.json.gson.GsonFactory;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageViewsTests {
  private static final Instant ANCHOR = Instant.parse("2026-11-25T00:00:00Z");
  private static final String FULL_JSON_SHA_256 =
      "4c559c0c20f601282251be4bdfe79cfc2b15f459a45e7a00edf6a024df30279a";
  private static final String RAW_SHA_256 =
      "14cdfd78a8a56b552fce513ec062e3c304718e8a3218c73143a4620e4fb95d6b";

  @Test
  void fullJsonWhenGeneratedMailboxThenSameJsonAsGooglesSerializerWrites() throws IOException {
    Mailbox mailbox = new Mailbox("owner@example.com");
    mailbox.importAll(
        new MailGenerator("owner@example.com", "Owner Person", 11, ANCHOR).generate(600, mailbox));
    List<StoredMessage.Snapshot> messages = mailbox.list(message -> true);

    for (StoredMessage.Snapshot message : messages) {
      assertThat(fullJson(message)).as(message.message().id()).isEqualTo(googleJson(message));
    }
    // The sample covers what the writer must get right: attachments, nesting and non-ASCII text.
    assertThat(messages)
        .anyMatch(m -> m.message().root().mimeType().equals("multipart/mixed"))
        .anyMatch(m -> m.message().root().mimeType().equals("text/html"))
        .anyMatch(m -> !m.message().header("Subject").chars().allMatch(c -> c < 128));
  }

  @Test
  void fullJsonWhenHeadersHoldQuotesControlCharactersAndEmojiThenSameJsonAsGooglesSerializer()
      throws IOException {
    Mailbox mailbox = new Mailbox("owner@example.com");
    MimeNode root =
        MimeNode.text(
                "text/plain", "Tab\there, \"quoted\", back\\slash, \u0001, caf\u00e9 \uD83D\uDCF7")
            .withLeadingHeaders(
                List.of(
                    new MimeNode.Header(
                        "Subject", "\"Hi\" \\ \u0007 \u2028 Gr\u00fc\u00dfe \uD83D\uDE00"),
                    new MimeNode.Header("From", "A <a@example.com>")));
    StoredMessage.Snapshot message =
        mailbox.deliver(
            new Mailbox.Delivery(root, null, 1_000, Set.of("INBOX"), "snip \"pet\" <b>", 300));

    assertThat(fullJson(message)).isEqualTo(googleJson(message));
  }

  /**
   * The generated mailbox is rebuilt from its seed on every fetch, and the app compares what it
   * synced with the emulator's answers: the bytes served for a seed must not drift when the
   * generator or the JSON writer is reworked. The digests were taken before they were tuned for
   * allocation; a deliberate change of the generated mail updates them.
   */
  @Test
  void fullJsonAndRawWhenGeneratedMailboxThenTheSameBytesAsEverForTheSeed() throws Exception {
    Mailbox mailbox = new Mailbox("owner@example.com");
    mailbox.importAll(
        new MailGenerator("owner@example.com", "Owner Person", 3, ANCHOR).generate(1_000, mailbox));
    MessageDigest full = MessageDigest.getInstance("SHA-256");
    MessageDigest raw = MessageDigest.getInstance("SHA-256");

    for (StoredMessage.Snapshot message : mailbox.list(m -> true)) {
      full.update(MessageViews.fullJson(message).toByteArray());
      raw.update(Rfc822.write(message.message().root()));
    }

    assertThat(HexFormat.of().formatHex(full.digest())).isEqualTo(FULL_JSON_SHA_256);
    assertThat(HexFormat.of().formatHex(raw.digest())).isEqualTo(RAW_SHA_256);
  }

  private static JsonElement fullJson(StoredMessage.Snapshot message) {
    return JsonParser.parseString(
        new String(MessageViews.fullJson(message).toByteArray(), StandardCharsets.UTF_8));
  }

  private static JsonElement googleJson(StoredMessage.Snapshot message) throws IOException {
    return JsonParser.parseString(
        GsonFactory.getDefaultInstance()
            .toString(MessageViews.render(message, MessageViews.Format.FULL, List.of())));
  }
}
