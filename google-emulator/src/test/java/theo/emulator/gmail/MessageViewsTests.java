package theo.emulator.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.json.gson.GsonFactory;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageViewsTests {
  private static final Instant ANCHOR = Instant.parse("2026-11-25T00:00:00Z");

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
