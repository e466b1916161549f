package theo.emulator.push;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import theo.emulator.Stats;

/**
 * Posts notifications off the API thread: the call that made a change only enqueues. Each channel
 * or subscription sends its notifications one after another in the order they were made (unless the
 * behaviour reorders them); a failed attempt is retried on its own schedule with exponential
 * backoff, so it never holds back the ones after it.
 */
public final class PushDispatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PushDispatcher.class);

  private final Stats stats;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService httpThreads;
  private final HttpClient http;
  private final Map<String, TargetQueue> queues = new ConcurrentHashMap<>();
  private final Map<String, DeliveryCounts> counts = new ConcurrentHashMap<>();
  private final DeliveryCounts total = new DeliveryCounts();
  private final Map<String, PushBehaviour> accountBehaviour = new ConcurrentHashMap<>();
  private final List<WatchRegistry> registries = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<Held> held = new ArrayList<>();
  private volatile PushBehaviour globalBehaviour = PushBehaviour.NORMAL;
  private volatile RetryPolicy retry = RetryPolicy.DEFAULT;
  private boolean flushScheduled;

  /** Bumped by {@link #resetDeliveries}: retries and queued posts of an older generation vanish. */
  private final java.util.concurrent.atomic.AtomicLong generation =
      new java.util.concurrent.atomic.AtomicLong();

  public PushDispatcher(Stats stats) {
    this.stats = stats;
    AtomicInteger threads = new AtomicInteger();
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> daemon(runnable, "google-emulator-push"));
    this.httpThreads =
        Executors.newCachedThreadPool(
            runnable -> daemon(runnable, "google-emulator-push-http-" + threads.incrementAndGet()));
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(httpThreads)
            .build();
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  /** Calendar channels and Gmail watches register here, so the admin API reaches them. */
  public void register(WatchRegistry registry) {
    registries.add(registry);
  }

  List<WatchRegistry> registries() {
    return registries;
  }

  /** Runs work that prepares notifications (signing tokens) off the caller's thread, in order. */
  public void execute(Runnable task) {
    try {
      scheduler.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed: no more notifications
    }
  }

  /** Queues one notification; returns at once. */
  public void send(PushMessage message) {
    PushBehaviour behaviour = consumeBehaviour(message.account());
    DeliveryCounts target = countsOf(message.target());
    target.notifications.increment();
    total.notifications.increment();
    if (behaviour.dropNext() > 0 || dropByRate(behaviour)) {
      target.dropped.increment();
      total.dropped.increment();
      stats.increment("push.dropped");
      return;
    }
    int copies = roll(behaviour.duplicateRate()) ? 2 : 1;
    if (copies == 2) {
      target.duplicated.increment();
      total.duplicated.increment();
    }
    for (int i = 0; i < copies; i++) {
      if (behaviour.reorderWindowMs() > 0) {
        hold(message, behaviour);
      } else {
        later(message, behaviour.delayMs());
      }
    }
  }

  /** The behaviour for this account, taking one of its "drop next" notifications if any. */
  private PushBehaviour consumeBehaviour(String account) {
    String key = accountKey(account);
    if (key != null) {
      PushBehaviour[] taken = new PushBehaviour[1];
      accountBehaviour.computeIfPresent(
          key,
          (k, current) -> {
            taken[0] = current;
            return current.dropNext() > 0 ? current.withDropNext(current.dropNext() - 1) : current;
          });
      if (taken[0] != null) {
        return taken[0];
      }
    }
    synchronized (this) {
      PushBehaviour current = globalBehaviour;
      if (current.dropNext() > 0) {
        globalBehaviour = current.withDropNext(current.dropNext() - 1);
      }
      return current;
    }
  }

  private static boolean dropByRate(PushBehaviour behaviour) {
    return roll(behaviour.dropRate());
  }

  private static boolean roll(double rate) {
    return rate >= 1 || (rate > 0 && ThreadLocalRandom.current().nextDouble() < rate);
  }

  private void later(PushMessage message, long delayMs) {
    if (delayMs <= 0) {
      enqueue(message);
    } else {
      try {
        scheduler.schedule(() -> enqueue(message), delayMs, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // closed: no more notifications
      }
    }
  }

  private record Held(PushMessage message, long delayMs) {}

  /** Holds a notification for the reorder window; the window's notifications leave newest first. */
  private synchronized void hold(PushMessage message, PushBehaviour behaviour) {
    held.add(new Held(message, behaviour.delayMs()));
    if (!flushScheduled) {
      flushScheduled = true;
      try {
        scheduler.schedule(this::flushHeld, behaviour.reorderWindowMs(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // closed: no more notifications
      }
    }
  }

  private void flushHeld() {
    List<Held> batch;
    synchronized (this) {
      batch = new ArrayList<>(held);
      held.clear();
      flushScheduled = false;
    }
    Collections.reverse(batch);
    batch.forEach(item -> later(item.message(), item.delayMs()));
  }

  private void enqueue(PushMessage message) {
    TargetQueue queue = queues.computeIfAbsent(message.target(), key -> new TargetQueue());
    boolean start;
    synchronized (queue) {
      queue.waiting.add(message);
      start = !queue.busy;
      queue.busy = true;
    }
    if (start) {
      sendNext(queue);
    }
  }

  private void sendNext(TargetQueue queue) {
    PushMessage next;
    synchronized (queue) {
      next = queue.waiting.poll();
      if (next == null) {
        queue.busy = false;
        return;
      }
    }
    attempt(next, 1, () -> sendNext(queue));
  }

  /** One POST; {@code firstDone} runs once the first attempt has an outcome (success or not). */
  private void attempt(PushMessage message, int number, Runnable firstDone) {
    attempt(message, number, firstDone, generation.get());
  }

  private void attempt(PushMessage message, int number, Runnable firstDone, long born) {
    if (born != generation.get()) {
      if (firstDone != null) {
        firstDone.run();
      }
      return;
    }
    RetryPolicy policy = retry;
    DeliveryCounts target = countsOf(message.target());
    target.attempted.increment();
    total.attempted.increment();
    stats.increment("push.attempted");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(message.address())
            .timeout(Duration.ofMillis(policy.timeoutMs()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(message.body()));
    message.headers().forEach(request::header);
    try {
      http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, error) -> {
                int status = response == null ? 0 : response.statusCode();
                boolean ok = error == null && status >= 200 && status < 300;
                if (ok) {
                  target.delivered.increment();
                  total.delivered.increment();
                  stats.increment("push.delivered");
                } else {
                  failed(message, number, policy, status, target, born);
                }
                if (firstDone != null) {
                  firstDone.run();
                }
              });
    } catch (RuntimeException e) {
      failed(message, number, policy, 0, target, born);
      if (firstDone != null) {
        firstDone.run();
      }
    }
  }

  private void failed(
      PushMessage message,
      int number,
      RetryPolicy policy,
      int status,
      DeliveryCounts target,
      long born) {
    target.failed.increment();
    total.failed.increment();
    stats.increment("push.failed");
    if (number >= policy.maxAttempts() || scheduler.isShutdown()) {
      target.abandoned.increment();
      total.abandoned.increment();
      stats.increment("push.abandoned");
      log.info(
          "Push to {} abandoned after {} attempts (last status {})",
          message.target(),
          number,
          status);
      return;
    }
    try {
      scheduler.schedule(
          () -> attempt(message, number + 1, null, born),
          policy.backoffAfter(number),
          TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // shutting down
    }
  }

  private DeliveryCounts countsOf(String target) {
    return counts.computeIfAbsent(target, key -> new DeliveryCounts());
  }

  // Settings and figures, for the admin API

  public PushBehaviour behaviour(String account) {
    String key = accountKey(account);
    return key == null ? globalBehaviour : accountBehaviour.getOrDefault(key, globalBehaviour);
  }

  public Map<String, PushBehaviour> accountBehaviours() {
    return Map.copyOf(accountBehaviour);
  }

  /** Sets the behaviour of one account, or the global one when {@code account} is null. */
  public synchronized void behaviour(String account, PushBehaviour behaviour) {
    String key = accountKey(account);
    if (key == null) {
      globalBehaviour = behaviour;
    } else {
      accountBehaviour.put(key, behaviour);
    }
  }

  public synchronized void resetBehaviour() {
    globalBehaviour = PushBehaviour.NORMAL;
    accountBehaviour.clear();
    retry = RetryPolicy.DEFAULT;
  }

  public RetryPolicy retryPolicy() {
    return retry;
  }

  public void retryPolicy(RetryPolicy policy) {
    this.retry = policy;
  }

  /** Delivery counts of every channel and subscription plus the total. */
  public Map<String, Object> deliveries() {
    Map<String, Object> byTarget = new LinkedHashMap<>();
    new java.util.TreeMap<>(counts).forEach((key, value) -> byTarget.put(key, value.asMap()));
    Map<String, Object> result = new LinkedHashMap<>(total.asMap());
    result.put("targets", byTarget);
    return result;
  }

  /** The counts of one channel id or subscription name. */
  public Optional<Map<String, Object>> deliveries(String target) {
    return Optional.ofNullable(counts.get(target)).map(DeliveryCounts::asMap);
  }

  /** Forgets the counts and drops every queued post and pending retry. */
  public void resetDeliveries() {
    generation.incrementAndGet();
    queues
        .values()
        .forEach(
            queue -> {
              synchronized (queue) {
                queue.waiting.clear();
              }
            });
    counts.clear();
    for (var adder :
        List.of(
            total.notifications,
            total.attempted,
            total.delivered,
            total.failed,
            total.abandoned,
            total.dropped,
            total.duplicated)) {
      adder.reset();
    }
  }

  private static String accountKey(String account) {
    return account == null ? null : account.trim().toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    httpThreads.shutdownNow();
  }

  private static final class TargetQueue {
    final Deque<PushMessage> waiting = new ArrayDeque<>();
    boolean busy;
  }
}
