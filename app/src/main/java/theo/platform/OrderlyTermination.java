package theo.platform;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextRefreshedEvent;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT for the server process. The JVM runs all shutdown hooks at once, and the
 * embedded PostgreSQL library's own hook would stop the database while syncs still commit their
 * checkpoints; here the Spring context closes first (syncs, job scheduler, connection pool, then
 * the database, in that order) and only then does the JVM exit and run the hooks. During start-up
 * the JVM exits at once and the hooks stop the database.
 */
public final class OrderlyTermination {
  private static final Logger log = LoggerFactory.getLogger(OrderlyTermination.class);
  // Under the 30 s most process managers wait before SIGKILL.
  private static final Duration DEADLINE = Duration.ofSeconds(25);

  private final ConfigurableApplicationContext context;
  private final AtomicBoolean terminating = new AtomicBoolean();
  private volatile boolean ready;

  private OrderlyTermination(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /** Takes over SIGTERM and SIGINT for the context {@code application} runs (the server's main). */
  public static void install(SpringApplication application) {
    application.addInitializers(
        context -> {
          OrderlyTermination termination = new OrderlyTermination(context);
          for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(
                new Signal(name), signal -> termination.terminate(128 + signal.getNumber()));
          }
          context.addApplicationListener(
              (ApplicationListener<ContextRefreshedEvent>) event -> termination.ready = true);
        });
  }

  private void terminate(int status) {
    if (!terminating.compareAndSet(false, true)) {
      return;
    }
    Thread watchdog =
        new Thread(
            () -> {
              sleep(DEADLINE);
              log.warn("Shutdown still busy after {} s; exiting", DEADLINE.toSeconds());
              System.exit(status);
            },
            "theo-shutdown-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    if (ready) {
      try {
        context.close();
      } catch (RuntimeException e) {
        log.warn("Shutdown: {}", e.toString());
      }
    }
    System.exit(status);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
