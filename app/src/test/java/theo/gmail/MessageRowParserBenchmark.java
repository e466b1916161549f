package theo.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.gmail.model.Message;
import com.google.api.services.gmail.model.MessagePart;
import com.google.api.services.gmail.model.MessagePartBody;
import com.google.api.services.gmail.model.MessagePartHeader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import theo.gmail.GmailMappers.MessageRow;

/**
 * On demand only ({@code -Dtheo.benchmark=true}): what reading a message in format {@code full}
 * costs the sync on one core, apart from HTTP, batching and PostgreSQL. Messages with the emulator
 * generator's mix of parts and body sizes (a tenth short, most 2–20 KB, 5% of 100–250 KB; text,
 * HTML or both) are serialized as Gmail answers them, then read by {@link MessageRowParser}
 * (Jackson reading the body strings, base64 decoding, UTF-8 checking); five passes warm the JIT,
 * the best of five more is taken. Appends the figures to target/gmail-benchmark.txt.
 */
@EnabledIfSystemProperty(named = "theo.benchmark", matches = "true")
class MessageRowParserBenchmark {
  private static final int MESSAGES = Integer.getInteger("theo.benchmark.messages", 5_000);
  private static final String[] WORDS =
      "the project meeting update review plan team schedule budget report draft client deadline"
          .split(" ");

  private final MessageRowParser parser =
      new MessageRowParser(GsonFactory.getDefaultInstance().createJsonObjectParser());

  @Test
  void readFullMessagesOfGeneratedSizes() throws IOException {
    Random random = new Random(42);
    List<byte[]> answers = new ArrayList<>();
    long bodyBytes = 0;
    for (int i = 0; i < MESSAGES; i++) {
      String text = text(random);
      int kind = random.nextInt(100);
      List<MessagePart> parts = new ArrayList<>();
      if (kind >= 15) {
        parts.add(part("text/plain", text));
        bodyBytes += text.length();
      }
      if (kind < 15 || kind >= 35) {
        String html = "<html><body><p>" + text + "</p></body></html>";
        parts.add(part("text/html", html));
        bodyBytes += html.length();
      }
      // Gmail (and the emulator) send a body's size before its data; Google's serializer would
      // put it after.
      answers.add(
          GsonFactory.getDefaultInstance()
              .toString(message(i, parts))
              .replaceAll(
                  "\\{\"data\":(\"[^\"]*\"),\"size\":(\\d+)\\}", "{\"size\":$2,\"data\":$1}")
              .getBytes(StandardCharsets.UTF_8));
    }
    assertThat(new String(answers.get(0), StandardCharsets.UTF_8)).contains("{\"size\":");
    long answerBytes = answers.stream().mapToLong(answer -> answer.length).sum();

    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long decoded = read(answers);
    for (int pass = 1; pass < 5; pass++) { // the JIT's warm-up: a pass or two was not enough
      read(answers);
    }
    long cpuNanos = Long.MAX_VALUE;
    long allocated = Long.MAX_VALUE;
    for (int pass = 0; pass < 5; pass++) {
      long allocatedBefore = threads.getThreadAllocatedBytes(thread);
      long cpuBefore = threads.getCurrentThreadCpuTime();
      assertThat(read(answers)).isEqualTo(decoded);
      cpuNanos = Math.min(cpuNanos, threads.getCurrentThreadCpuTime() - cpuBefore);
      allocated = Math.min(allocated, threads.getThreadAllocatedBytes(thread) - allocatedBefore);
    }
    assertThat(decoded).isEqualTo(bodyBytes);

    String line =
        String.format(
            Locale.ROOT,
            "%s MessageRowParser, %d messages in format full (%.1f KB of JSON, %.1f KB of body"
                + " text and HTML each on average): %.1f µs CPU and %.1f KB allocated per"
                + " message%n",
            Instant.now(),
            MESSAGES,
            answerBytes / 1024.0 / MESSAGES,
            bodyBytes / 1024.0 / MESSAGES,
            cpuNanos / 1000.0 / MESSAGES,
            allocated / 1024.0 / MESSAGES);
    System.out.print(line);
    Files.writeString(
        Path.of("target/gmail-benchmark.txt"),
        line,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** Reads every answer; the bytes of body text and HTML decoded. */
  private long read(List<byte[]> answers) throws IOException {
    long decoded = 0;
    for (byte[] answer : answers) {
      MessageRow row =
          parser.parseAndClose(
              new ByteArrayInputStream(answer), StandardCharsets.UTF_8, MessageRow.class);
      decoded += length(row.bodyText()) + length(row.bodyHtml());
    }
    return decoded;
  }

  private static int length(Utf8Text text) {
    return text == null ? 0 : text.bytes().length;
  }

  /** ASCII words, sized like the generator's bodies. */
  private static String text(Random random) {
    int sizeClass = random.nextInt(100);
    int size =
        sizeClass < 10
            ? 300 + random.nextInt(1700)
            : sizeClass < 95 ? 2000 + random.nextInt(18_000) : 100_000 + random.nextInt(150_000);
    StringBuilder text = new StringBuilder(size + 16);
    while (text.length() < size) {
      text.append(WORDS[random.nextInt(WORDS.length)])
          .append(text.length() % 70 < 8 ? "\r\n" : " ");
    }
    return text.toString();
  }

  private static Message message(int i, List<MessagePart> parts) {
    return new Message()
        .setId(Integer.toHexString(i))
        .setThreadId(Integer.toHexString(i / 3))
        .setLabelIds(List.of("INBOX", "UNREAD", "CATEGORY_UPDATES"))
        .setSnippet("Hi there, the project meeting")
        .setHistoryId(BigInteger.valueOf(1000 + i))
        .setInternalDate(1_760_000_000_000L + i * 60_000L)
        .setSizeEstimate(4000)
        .setPayload(
            new MessagePart()
                .setMimeType("multipart/alternative")
                .setHeaders(
                    List.of(
                        header("From", "Ann Example <ann@example.com>"),
                        header("To", "owner@example.com"),
                        header("Subject", "Quarterly numbers " + i),
                        header("Date", "Tue, 24 Nov 2026 10:00:00 +0000")))
                .setBody(new MessagePartBody().setSize(0))
                .setParts(parts));
  }

  private static MessagePart part(String mimeType, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return new MessagePart()
        .setMimeType(mimeType)
        .setFilename("")
        .setBody(
            new MessagePartBody()
                .setSize(bytes.length)
                .setData(Base64.getUrlEncoder().encodeToString(bytes)));
  }

  private static MessagePartHeader header(String name, String value) {
    return new MessagePartHeader().setName(name).setValue(value);
  }
}
