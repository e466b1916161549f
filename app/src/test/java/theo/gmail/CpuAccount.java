package theo.gmail;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time spent by this JVM's threads, grouped by what they do, and by the PostgreSQL processes,
 * read from {@code /proc} (Linux only; elsewhere it reports nothing). Two snapshots around a run
 * tell where its CPU went, apart from other work on the machine.
 */
final class CpuAccount {
  private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux
  private static final String ENDED = "ended JVM threads (a sync's batch threads)";

  private final Map<String, Double> seconds;

  private CpuAccount(Map<String, Double> seconds) {
    this.seconds = seconds;
  }

  static CpuAccount snapshot() {
    Map<String, Double> seconds = new TreeMap<>();
    double[] live = {0};
    forEachStat(
        Path.of("/proc/self/task"),
        (comm, cpu) -> {
          seconds.merge(group(comm), cpu, Double::sum);
          live[0] += cpu;
        });
    // The process's total includes threads that have ended (a sync's batch threads end with it).
    try {
      seconds.put(ENDED, cpuSeconds(Files.readString(Path.of("/proc/self/stat"))) - live[0]);
    } catch (IOException e) {
      // No /proc: nothing to report.
    }
    forEachStat(
        Path.of("/proc"),
        (comm, cpu) -> {
          if (comm.equals("postgres")) {
            seconds.merge("PostgreSQL", cpu, Double::sum);
          }
        });
    return new CpuAccount(seconds);
  }

  /** "group 1.23 s, ..." for the CPU spent since {@code before}, largest first, and the total. */
  String since(CpuAccount before, long messages) {
    Map<String, Double> spent = new TreeMap<>();
    seconds.forEach(
        (group, value) -> spent.put(group, value - before.seconds.getOrDefault(group, 0.0)));
    double total = spent.values().stream().mapToDouble(Double::doubleValue).sum();
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "CPU %.1f s = %.3f ms per message:",
                total,
                messages == 0 ? 0 : 1000 * total / messages));
    spent.entrySet().stream()
        .filter(entry -> entry.getValue() >= 0.05)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(
            entry ->
                text.append(
                    String.format(Locale.ROOT, " %s %.1f s,", entry.getKey(), entry.getValue())));
    text.setLength(text.length() - 1);
    return text.toString();
  }

  private static String group(String thread) {
    if (thread.startsWith("gmail-batch")) {
      return "Theo batch threads";
    }
    if (thread.startsWith("google-emulator") || thread.startsWith("emulator")) {
      return "emulator";
    }
    if (thread.startsWith("GC ") || thread.startsWith("G1 ")) {
      return "GC";
    }
    if (thread.startsWith("C1 ") || thread.startsWith("C2 ")) {
      return "JIT";
    }
    if (thread.equals("main")) {
      return "sync thread";
    }
    return "other JVM threads";
  }

  private interface StatConsumer {
    void accept(String comm, double cpuSeconds);
  }

  /** utime + stime of a {@code stat} file's text: pid (comm) state ppid ... 14 utime 15 stime. */
  private static double cpuSeconds(String stat) {
    // comm may hold spaces and parentheses: the fields start after the last ')'.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
  }

  /** Reads the CPU time of every numeric entry's stat under {@code dir}. */
  private static void forEachStat(Path dir, StatConsumer consumer) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "[0-9]*")) {
      for (Path entry : entries) {
        String stat;
        try {
          stat = Files.readString(entry.resolve("stat"));
        } catch (IOException e) {
          continue; // gone since listed
        }
        String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        consumer.accept(comm, cpuSeconds(stat));
      }
    } catch (IOException e) {
      // No /proc: nothing to report.
    }
  }
}
