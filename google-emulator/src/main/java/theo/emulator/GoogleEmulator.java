package theo.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import theo.emulator.admin.AdminSurface;
import theo.emulator.calendar.CalendarSurface;
import theo.emulator.drive.DriveSurface;
import theo.emulator.gmail.GmailSurface;
import theo.emulator.http.ApiException;
import theo.emulator.http.FieldSelection;
import theo.emulator.http.GoogleErrors;
import theo.emulator.http.Request;
import theo.emulator.http.Response;
import theo.emulator.http.Router;
import theo.emulator.oauth.OAuthSurface;
import theo.emulator.people.ContactBooks;
import theo.emulator.people.PeopleSurface;

/**
 * A running Google emulator: one HTTP server answering Google's OAuth/OIDC, Gmail, People, Calendar
 * and Drive paths plus the {@code /emulator/...} admin API. Start it with {@link #start} and stop
 * it with {@link #close}.
 */
public final class GoogleEmulator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GoogleEmulator.class);

  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY each answer waits
    // for the client's delayed ACK, about 45 ms per request instead of 1-5 ms. The JDK reads the
    // property once, when the first server of the JVM starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final EmulatorContext context;
  private final Router router = new Router();
  private final HttpServer server;
  private final ExecutorService executor;

  private GoogleEmulator(EmulatorOptions options) throws IOException {
    this.context = new EmulatorContext(options);
    for (Surface surface : surfaces(context)) {
      surface.register(router);
    }
    if (options.seedDemoAccounts()) {
      context.accounts().create("alice@example.com", "Alice Example");
      context.accounts().create("bob@example.com", "Bob Example");
    }
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "google-emulator-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 128);
    server.createContext("/", this::serve);
    server.setExecutor(executor);
    server.start();
    context.baseUrl("http://" + options.host() + ":" + server.getAddress().getPort());
    log.info("Google emulator listening on {}", context.baseUrl());
  }

  private static List<Surface> surfaces(EmulatorContext context) {
    ContactBooks contacts = new ContactBooks();
    return List.of(
        new AdminSurface(context),
        new OAuthSurface(context),
        new GmailSurface(context, contacts),
        new PeopleSurface(context, contacts),
        new CalendarSurface(context),
        new DriveSurface(context));
  }

  /** Starts an emulator; it serves until {@link #close()}. */
  public static GoogleEmulator start(EmulatorOptions options) {
    try {
      return new GoogleEmulator(options);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the Google emulator", e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:port}, without a trailing slash. */
  public String baseUrl() {
    return context.baseUrl();
  }

  public EmulatorContext context() {
    return context;
  }

  public Accounts accounts() {
    return context.accounts();
  }

  public Stats stats() {
    return context.stats();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      Optional<Faults.Rule> fault = context.faults().pick(method, path);
      if (fault.isPresent()) {
        Faults.Rule rule = fault.get();
        if (rule.delayMs() > 0) {
          sleep(rule.delayMs());
        }
        if (rule.reset()) {
          context.stats().increment("faultsInjected");
          return; // closing the exchange without an answer drops the connection
        }
        if (rule.status() != 0) {
          context.stats().increment("faultsInjected");
          send(exchange, faultResponse(rule.status()));
          return;
        }
      }
      send(exchange, dispatch(exchange, method, path));
    }
  }

  private Response dispatch(HttpExchange exchange, String method, String path) {
    Optional<Router.Match> match = router.match(method, path);
    if (match.isEmpty()) {
      return GoogleErrors.api(404, "notFound", "Not Found");
    }
    try {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Request request =
          new Request(
              method,
              path,
              exchange.getRequestURI().getRawQuery(),
              exchange.getRequestHeaders(),
              body,
              match.get().variables());
      return FieldSelection.handle(request, match.get().handler());
    } catch (ApiException e) {
      return e.response();
    } catch (IllegalArgumentException e) {
      return GoogleErrors.api(
          400, "invalid", e.getMessage() == null ? "Bad Request" : e.getMessage());
    } catch (Exception e) {
      log.warn("Emulator handler failed for {} {}", method, path, e);
      return GoogleErrors.api(500, "backendError", "Backend Error");
    }
  }

  private static Response faultResponse(int status) {
    return switch (status) {
      case 429 -> GoogleErrors.api(429, "rateLimitExceeded", "Rate Limit Exceeded");
      case 503 -> GoogleErrors.api(503, "backendError", "The service is currently unavailable.");
      default ->
          GoogleErrors.api(status, status >= 500 ? "backendError" : "invalid", "Injected fault");
    };
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    if (response.streamed() != null) {
      long length = response.streamed().length();
      if (length == 0) {
        exchange.sendResponseHeaders(response.status(), -1); // 0 would mean chunked
        return;
      }
      exchange.sendResponseHeaders(response.status(), length);
      // Buffered, so a part's small head and its body leave in one TCP segment, not two. No larger
      // than the body: a message in format full is served with less than 64 KB of allocation.
      int buffer = (int) Math.min(1 << 16, length);
      try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), buffer)) {
        response.streamed().writer().writeTo(out);
      }
      return;
    }
    byte[] body = response.body();
    boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
