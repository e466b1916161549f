package theo.emulator.push;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A tiny HTTP server standing in for the app's webhook: it records every POST and answers the
 * planned statuses in turn (200 once the plan is used up).
 */
final class Receiver implements AutoCloseable {
  private final HttpServer server;
  private final java.util.concurrent.ExecutorService threads = Executors.newCachedThreadPool();
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final ConcurrentLinkedQueue<Integer> plannedStatuses = new ConcurrentLinkedQueue<>();
  private volatile CountDownLatch gate = new CountDownLatch(0);

  /** One request as the receiver saw it; header names in lower case. */
  record Received(String path, Map<String, String> headers, String body, long nanos) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  Receiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The next answers, in order. */
  void answer(int... statuses) {
    for (int status : statuses) {
      plannedStatuses.add(status);
    }
  }

  /** Holds every answer until the returned latch is released. */
  CountDownLatch hold() {
    gate = new CountDownLatch(1);
    return gate;
  }

  Received next() throws InterruptedException {
    Received next = received.poll(5, TimeUnit.SECONDS);
    if (next == null) {
      throw new AssertionError("No notification arrived within 5 s");
    }
    return next;
  }

  /** Whatever arrives within the window (null when nothing does). */
  Received within(long millis) throws InterruptedException {
    return received.poll(millis, TimeUnit.MILLISECONDS);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      long nanos = System.nanoTime();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> headers = new TreeMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
      // status and gate chosen before the test can see the request
      Integer status = plannedStatuses.poll();
      CountDownLatch held = gate;
      received.add(new Received(exchange.getRequestURI().getPath(), headers, body, nanos));
      try {
        held.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      // one request per connection: the JDK server is slow to read a reused one after a held answer
      exchange.getResponseHeaders().set("Connection", "close");
      exchange.sendResponseHeaders(status == null ? 200 : status, -1);
    }
  }

  @Override
  public void close() {
    gate.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
