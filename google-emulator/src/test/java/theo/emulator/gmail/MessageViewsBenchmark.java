package theo.emulator.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * On demand only ({@code -Dtheo.benchmark=true}): the emulator's cost of serving a generated
 * mailbox in format {@code full}, as a full sync fetches it. Every message is rendered the way
 * {@code GmailSurface} answers {@code messages.get} (and each part of a batch) and written to a
 * discarding stream; a first pass warms the JIT, the best of three more is taken. Prints the time
 * (and the thread's CPU time, steadier on a busy machine) and bytes allocated per message, and
 * appends them to target/emulator-benchmark.txt.
 */
@EnabledIfSystemProperty(named = "theo.benchmark", matches = "true")
class MessageViewsBenchmark {
  private static final int MESSAGES = Integer.getInteger("theo.benchmark.messages", 10_000);
  private static final int PASSES = Integer.getInteger("theo.benchmark.passes", 3);

  @Test
  void fullJsonOfAGeneratedMailbox() throws IOException {
    Mailbox mailbox = new Mailbox("owner@example.com");
    mailbox.importAll(
        new MailGenerator(
                "owner@example.com", "Owner Person", 7, Instant.parse("2026-11-25T00:00:00Z"))
            .generate(MESSAGES, mailbox));
    List<StoredMessage.Snapshot> messages = mailbox.list(m -> true);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();

    long served = render(messages); // warm-up
    // The best of a few passes: on a shared machine the others' load only ever adds.
    long nanos = Long.MAX_VALUE;
    long cpuNanos = Long.MAX_VALUE;
    long allocated = Long.MAX_VALUE;
    for (int pass = 0; pass < PASSES; pass++) {
      long allocatedBefore = threads.getThreadAllocatedBytes(thread);
      long cpuBefore = threads.getCurrentThreadCpuTime();
      long started = System.nanoTime();
      long measured = render(messages);
      nanos = Math.min(nanos, System.nanoTime() - started);
      cpuNanos = Math.min(cpuNanos, threads.getCurrentThreadCpuTime() - cpuBefore);
      allocated = Math.min(allocated, threads.getThreadAllocatedBytes(thread) - allocatedBefore);
      assertThat(measured).isEqualTo(served);
    }

    String line =
        String.format(
            Locale.ROOT,
            "%s full JSON of %d generated messages: %,d ns/message (%,d ns CPU),"
                + " %,d bytes allocated/message, %,d bytes served/message",
            Instant.now(),
            messages.size(),
            nanos / messages.size(),
            cpuNanos / messages.size(),
            allocated / messages.size(),
            served / messages.size());
    System.out.println(line);
    Files.writeString(
        Path.of("target/emulator-benchmark.txt"),
        line + System.lineSeparator(),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** Serves every message as GmailSurface does; the bytes written. */
  private static long render(List<StoredMessage.Snapshot> messages) throws IOException {
    CountingOutputStream counted = new CountingOutputStream();
    // As the server writes a batch: one buffered stream for all of its parts.
    try (OutputStream out = new BufferedOutputStream(counted, 1 << 16)) {
      for (StoredMessage.Snapshot message : messages) {
        MessageViews.fullJson(message).writeTo(out);
      }
    }
    return counted.count;
  }

  private static final class CountingOutputStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
