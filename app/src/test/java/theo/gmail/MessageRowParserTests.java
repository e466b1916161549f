package theo.gmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.gmail.model.Message;
import com.google.api.services.gmail.model.MessagePart;
import com.google.api.services.gmail.model.MessagePartBody;
import com.google.api.services.gmail.model.MessagePartHeader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import theo.gmail.GmailMappers.MessageRow;

class MessageRowParserTests {
  private final MessageRowParser parser =
      new MessageRowParser(GsonFactory.getDefaultInstance().createJsonObjectParser());

  @Test
  void parseWhenNestedMultipartWithAttachmentsThenFirstTextAndHtmlPartsThatAreNotAttachments()
      throws IOException {
    Message message =
        new Message()
            .setId("18c0a1")
            .setThreadId("18c0a0")
            .setLabelIds(List.of("INBOX", "UNREAD"))
            .setSnippet("Hi &amp; hello")
            .setSizeEstimate(4321)
            .setHistoryId(BigInteger.valueOf(98765))
            .setInternalDate(1_700_000_000_123L)
            .setPayload(
                part("multipart/mixed", "", null)
                    .setHeaders(
                        List.of(
                            header("FROM", "Zoë <zoe@example.com>"),
                            header("To", "\"Bob, B.\" <bob@example.com>"),
                            header("Subject", "Grüße \"quoted\" 📷"),
                            header("Date", "Mon, 3 Feb 2025 10:00:00 +0000"),
                            header("Subject", "a second Subject header")))
                    .setParts(
                        List.of(
                            part("text/plain", "notes.txt", "an attachment first"),
                            part("multipart/alternative", "", null)
                                .setParts(
                                    List.of(
                                        part("TEXT/PLAIN; charset=UTF-8", "", "Plain: café ☕"),
                                        part("text/html", "", "<p>Rich: café</p>"))),
                            part("text/plain", "", "a later text part"))));

    MessageRow row = parse(message);

    assertThat(row.id()).isEqualTo("18c0a1");
    assertThat(row.threadId()).isEqualTo("18c0a0");
    assertThat(row.labelIds()).containsExactly("INBOX", "UNREAD");
    assertThat(row.snippet()).isEqualTo("Hi &amp; hello");
    assertThat(row.sizeEstimate()).isEqualTo(4321);
    assertThat(row.historyId()).isEqualTo(98765);
    assertThat(row.internalDate()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
    assertThat(row.from()).isEqualTo("Zoë <zoe@example.com>");
    assertThat(row.to()).isEqualTo("\"Bob, B.\" <bob@example.com>");
    assertThat(row.cc()).isEmpty();
    assertThat(row.subject()).isEqualTo("Grüße \"quoted\" 📷");
    assertThat(row.dateHeader()).isEqualTo("Mon, 3 Feb 2025 10:00:00 +0000");
    assertThat(row.bodyText()).hasToString("Plain: café ☕");
    assertThat(row.bodyHtml()).hasToString("<p>Rich: café</p>");
  }

  @Test
  void parseWhenPaddedBase64UrlAsGmailSendsOrWithWhitespaceAroundThenDecoded() throws IOException {
    for (String text : List.of("a", "ab", "abc", "??>>~~ subjects?>", "")) {
      String data = Base64.getUrlEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
      for (String sent : List.of(data, " " + data + "\r\n")) {
        assertThat(parse(message(sent)).bodyText()).as(sent).hasToString(text);
      }
    }
  }

  @Test
  void parseWhenBodyInStandardBase64AlphabetThenDecodedLikeGooglesDecoder() throws IOException {
    byte[] bytes = "??>>~~ subjects?>".repeat(10).getBytes(StandardCharsets.UTF_8);
    String standard = Base64.getEncoder().encodeToString(bytes);
    assertThat(standard).containsAnyOf("+", "/");
    Message message = message(standard);

    assertThat(parse(message).bodyText())
        .hasToString(
            new String(message.getPayload().getBody().decodeData(), StandardCharsets.UTF_8))
        .hasToString("??>>~~ subjects?>".repeat(10));
  }

  @Test
  void decodeBase64WhenAnyLengthAlphabetPaddingOrLineBreaksThenSameBytesAsTheJdksDecoders() {
    java.util.Random random = new java.util.Random(11);
    for (int length = 0; length < 200; length++) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      List<String> encodings =
          List.of(
              Base64.getUrlEncoder().encodeToString(bytes),
              Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
              Base64.getEncoder().encodeToString(bytes),
              Base64.getMimeEncoder().encodeToString(bytes));
      for (String encoded : encodings) {
        char[] framed = ("{" + encoded + "}").toCharArray();
        assertThat(Base64Decoder.decode(framed, 1, encoded.length()))
            .as("%d bytes as %s", length, encoded)
            .isEqualTo(bytes);
      }
    }
  }

  @Test
  void base64DecoderWhenCharactersComeInTwoPiecesSplitAnywhereThenSameBytes() {
    java.util.Random random = new java.util.Random(12);
    for (int length = 0; length < 40; length++) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      for (String encoded :
          List.of(
              Base64.getUrlEncoder().encodeToString(bytes),
              Base64.getMimeEncoder(8, new byte[] {'\r', '\n'}).encodeToString(bytes) + " ")) {
        char[] chars = encoded.toCharArray();
        for (int split = 0; split <= chars.length; split++) {
          // A size hint too small, exact or absent: the array grows or is cut to size.
          Base64Decoder decoder = new Base64Decoder(split % 3 == 0 ? -1 : split % 2 * length);
          decoder.write(chars, 0, split);
          decoder.write(chars, split, chars.length - split);

          assertThat(decoder.bytes()).as("%s split at %d", encoded, split).isEqualTo(bytes);
        }
      }
    }
  }

  @Test
  void parseWhenBodyLongerThanTheParsersBuffersThenDecodedWhole() throws IOException {
    String text = "Quarterly numbers attached, Grüße. ".repeat(12_000); // 420 KB
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    String data = Base64.getUrlEncoder().encodeToString(bytes);
    // Gmail sends the size first (the decoder's array is allocated once); without it, it grows.
    byte[] sizedFirst =
        ("{\"id\":\"1\",\"payload\":{\"mimeType\":\"text/plain\",\"body\":{\"size\":"
                + bytes.length
                + ",\"data\":\""
                + data
                + "\"}}}")
            .getBytes(StandardCharsets.UTF_8);

    MessageRow sized = parse(sizedFirst);

    assertThat(sized.bodyText()).hasToString(text);
    assertThat(parse(message(data)).bodyText()).hasToString(text);
  }

  @Test
  void decodeBase64WhenNotBase64ThenRefused() {
    for (String bad : List.of("ab$d", "abcde", "ab=c", "abc===", "ab= =", "ab\u00e9d")) {
      char[] chars = bad.toCharArray();
      assertThatThrownBy(() -> Base64Decoder.decode(chars, 0, chars.length))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void parseWhenBodyDataIsNotBase64ThenFailsAsUnreadable() {
    byte[] json =
        "{\"id\":\"1\",\"payload\":{\"mimeType\":\"text/plain\",\"body\":{\"data\":\"a$b\"}}}"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> parse(json))
        .isInstanceOfSatisfying(
            theo.google.GooglePermanentException.class,
            e -> assertThat(e.reason()).isEqualTo("unreadableMessage"));
  }

  @Test
  void parseWhenBodyIsNotUtf8OrHoldsNulThenReadAsUtf8WouldWithReplacementCharacters()
      throws IOException {
    byte[] latin1 = "caf\u00e9 \u0000 end".getBytes(StandardCharsets.ISO_8859_1);
    String data = Base64.getUrlEncoder().encodeToString(latin1);

    Utf8Text body = parse(message(data)).bodyText();

    assertThat(body).hasToString("caf\ufffd \ufffd end");
    assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).doesNotContain("\u0000");
  }

  @Test
  void utf8TextWhenValidUtf8ThenKeptAsItCame() {
    byte[] valid = "Grüße 📷 ☕".getBytes(StandardCharsets.UTF_8);
    byte[] overlong = {'a', (byte) 0xc0, (byte) 0xaf};
    byte[] surrogate = {(byte) 0xed, (byte) 0xa0, (byte) 0x80};
    byte[] truncated = {'a', (byte) 0xe2, (byte) 0x98};

    assertThat(Utf8Text.of(valid).bytes()).isSameAs(valid);
    for (byte[] broken : List.of(overlong, surrogate, truncated)) {
      assertThat(Utf8Text.of(broken).bytes())
          .isEqualTo(new String(broken, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void utf8TextWhenNulOrNonAsciiAnywhereInAsciiThenReadAsTheJdkReadsIt() {
    // The validator skips ASCII eight bytes at a time: every offset within and across its words.
    byte[][] odd = {{0}, {(byte) 0xe9}, "é".getBytes(StandardCharsets.UTF_8), {(byte) 0x80}};
    for (int length = 1; length <= 40; length++) {
      for (int at = 0; at < length; at++) {
        for (byte[] inserted : odd) {
          byte[] bytes = new byte[length + inserted.length - 1];
          Arrays.fill(bytes, (byte) 'a');
          bytes[0] = 1; // the lowest byte a word can hold without being NUL
          System.arraycopy(inserted, 0, bytes, at, inserted.length);
          String jdk = new String(bytes, StandardCharsets.UTF_8).replace('\u0000', '\ufffd');

          assertThat(Utf8Text.of(bytes)).hasToString(jdk);
        }
      }
    }
    byte[] ascii = new byte[64];
    Arrays.fill(ascii, (byte) 0x7f);
    assertThat(Utf8Text.of(ascii).bytes()).isSameAs(ascii);
  }

  @Test
  void parseWhenAnswerIsNotAMessageThenFailsAtOnceAsUnreadable() {
    byte[] truncated = "{\"id\":\"1\",\"payload\":{\"parts\":[".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> parse(truncated))
        .isInstanceOfSatisfying(
            theo.google.GooglePermanentException.class,
            e -> assertThat(e.reason()).isEqualTo("unreadableMessage"));
  }

  @Test
  void parseWhenFieldsMissingThenEmptyValuesLikeAMessageWithoutThem() throws IOException {
    MessageRow row = parse(new Message().setId("2").setThreadId("2"));

    assertThat(row.snippet()).isEmpty();
    assertThat(row.labelIds()).isEmpty();
    assertThat(row.from()).isEmpty();
    assertThat(row.sizeEstimate()).isZero();
    assertThat(row.historyId()).isZero();
    assertThat(row.internalDate()).isEqualTo(Instant.EPOCH);
    assertThat(row.bodyText()).isNull();
    assertThat(row.bodyHtml()).isNull();
  }

  @Test
  void parseWhenAnotherTypeThenGooglesParserReadsIt() throws IOException {
    byte[] json = "{\"id\":\"Label_1\",\"name\":\"Work\"}".getBytes(StandardCharsets.UTF_8);

    com.google.api.services.gmail.model.Label label =
        parser.parseAndClose(
            new ByteArrayInputStream(json),
            StandardCharsets.UTF_8,
            com.google.api.services.gmail.model.Label.class);

    assertThat(label.getName()).isEqualTo("Work");
  }

  private MessageRow parse(Message message) throws IOException {
    return parse(GsonFactory.getDefaultInstance().toByteArray(message));
  }

  private MessageRow parse(byte[] json) throws IOException {
    return parser.parseAndClose(
        new ByteArrayInputStream(json), StandardCharsets.UTF_8, MessageRow.class);
  }

  private static Message message(String bodyData) {
    return new Message()
        .setId("1")
        .setThreadId("1")
        .setPayload(
            new MessagePart()
                .setMimeType("text/plain")
                .setBody(new MessagePartBody().setData(bodyData)));
  }

  private static MessagePart part(String mimeType, String filename, String text) {
    MessagePartBody body = new MessagePartBody().setSize(0);
    if (text != null) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      body.setSize(bytes.length).setData(Base64.getUrlEncoder().encodeToString(bytes));
    }
    return new MessagePart().setMimeType(mimeType).setFilename(filename).setBody(body);
  }

  private static MessagePartHeader header(String name, String value) {
    return new MessagePartHeader().setName(name).setValue(value);
  }
}
