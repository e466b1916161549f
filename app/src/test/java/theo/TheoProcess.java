package theo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The packaged server ({@code app/target/theo.jar}) run as a real child process on a data folder,
 * with its embedded PostgreSQL on a known port so a test can read its tables. Started, stopped with
 * SIGTERM or SIGKILL, and started again on the same folder; {@link #close()} leaves no process
 * behind (the server, and the PostgreSQL a SIGKILL orphans).
 */
public final class TheoProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

  private final Path dataDir;
  private final int port;
  private final int postgresPort;
  private final int managementPort;
  private final List<String> properties;
  private List<String> jvmOptions = List.of();
  private final HttpClient http = HttpClient.newHttpClient();
  private Process process;
  private int launches;

  /** A server on {@code dataDir} with free ports and the given {@code --name=value} properties. */
  public TheoProcess(Path dataDir, List<String> properties) {
    this.dataDir = dataDir;
    this.port = freePort();
    this.postgresPort = freePort();
    this.managementPort = freePort();
    this.properties = List.copyOf(properties);
  }

  /** Extra JVM options for the next launches (e.g. {@code -XX:TieredStopAtLevel=1}). */
  public TheoProcess withJvmOptions(List<String> options) {
    this.jvmOptions = List.copyOf(options);
    return this;
  }

  public int port() {
    return port;
  }

  /** The loopback port of the actuator endpoints other than health (Prometheus, metrics). */
  public int managementPort() {
    return managementPort;
  }

  /** Launches the jar and returns once it is healthy (or throws with the log's tail). */
  public TheoProcess start() {
    Process started = launch();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!healthy()) {
      if (!started.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Theo did not start (exit " + exitValue(started) + "):\n" + logTail(60));
      }
      sleep(Duration.ofMillis(250));
    }
    return this;
  }

  /** Launches the jar without waiting for it to be ready. */
  public Process launch() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("Already running");
    }
    String jar = System.getProperty("theo.jar", "target/theo.jar");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx512m");
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(Path.of(jar).toAbsolutePath().toString());
    command.add("--server.port=" + port);
    command.add("--management.server.port=" + managementPort);
    command.add("--server.address=127.0.0.1");
    command.add("--theo.data-dir=" + dataDir);
    command.add("--theo.embedded-postgres.port=" + postgresPort);
    command.addAll(properties);
    launches++;
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log(launches).toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return process;
  }

  /** The output of the current (or last) launch. */
  public Path log() {
    return log(launches);
  }

  private Path log(int launch) {
    return dataDir.resolve("theo-" + launch + ".log");
  }

  public boolean healthy() {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Sends SIGTERM and waits up to {@code wait}; answers how long the process took to exit. */
  public Duration terminate(Duration wait) {
    long start = System.nanoTime();
    process.destroy();
    awaitExit(process.toHandle(), wait);
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Sends SIGKILL and waits for the JVM to be gone (its PostgreSQL keeps running). */
  public void kill() {
    process.destroyForcibly();
    awaitExit(process.toHandle(), Duration.ofSeconds(10));
  }

  /** The running (or last) server process. */
  public ProcessHandle process() {
    return process.toHandle();
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  /** The live postmaster on this data folder, if any. */
  public Optional<ProcessHandle> postgres() {
    Path pidFile = dataDir.resolve("postgres/postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    try (Stream<String> lines = Files.lines(pidFile)) {
      return lines
          .findFirst()
          .map(String::trim)
          .filter(line -> line.matches("\\d+"))
          .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
          .filter(ProcessHandle::isAlive);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Every live process whose command line names this data folder (PostgreSQL's, mostly). */
  public List<ProcessHandle> processesOnDataDir() {
    String folder = dataDir.toString();
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(
            handle -> handle.info().commandLine().map(line -> line.contains(folder)).orElse(false))
        .toList();
  }

  /** The server's database, for reading its tables. */
  public JdbcClient jdbc() {
    DataSource dataSource =
        new DriverManagerDataSource(
            "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres", "postgres", "");
    return JdbcClient.create(dataSource);
  }

  /** The last {@code lines} lines of the current launch's output. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log());
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Kills the server if it runs and stops any PostgreSQL left on the data folder. */
  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      awaitExit(process.toHandle(), Duration.ofSeconds(10));
    }
    postgres()
        .ifPresent(
            postmaster -> {
              postmaster.destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients are gone
              if (!awaitExit(postmaster, Duration.ofSeconds(20))) {
                postmaster.destroyForcibly();
              }
            });
    processesOnDataDir().forEach(ProcessHandle::destroyForcibly);
  }

  private static boolean awaitExit(ProcessHandle handle, Duration wait) {
    try {
      handle.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (Exception e) {
      return !handle.isAlive();
    }
  }

  private static String exitValue(Process process) {
    return process.isAlive() ? "none, still running" : String.valueOf(process.exitValue());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
