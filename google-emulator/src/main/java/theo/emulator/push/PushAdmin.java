package theo.emulator.push;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import theo.emulator.EmulatorContext;
import theo.emulator.Surface;
import theo.emulator.http.GoogleErrors;
import theo.emulator.http.Request;
import theo.emulator.http.Response;
import theo.emulator.http.Router;

/**
 * The push part of the admin API: Pub/Sub push subscriptions ({@code /emulator/pubsub/...}), and
 * under {@code /emulator/push/...} the live channels and watches, expiring them now, delivery
 * behaviour (delay, drop, duplicate, reorder, retry) and delivery counts.
 */
public final class PushAdmin implements Surface {
  private final EmulatorContext context;

  public PushAdmin(EmulatorContext context) {
    this.context = context;
  }

  @Override
  public void register(Router router) {
    router
        .get("/emulator/pubsub/subscriptions", this::listSubscriptions)
        .put("/emulator/pubsub/subscriptions", this::putSubscription)
        .post("/emulator/pubsub/subscriptions", this::putSubscription)
        .delete("/emulator/pubsub/subscriptions/{name...}", this::deleteSubscription)
        .get("/emulator/push/channels", request -> listed(request, "channels"))
        .get("/emulator/push/watches", request -> listed(request, "watches"))
        .post("/emulator/push/expire", this::expire)
        .get("/emulator/push/behaviour", request -> Response.json(200, behaviourJson()))
        .put("/emulator/push/behaviour", this::setBehaviour)
        .delete(
            "/emulator/push/behaviour",
            request -> {
              context.push().resetBehaviour();
              return Response.json(200, behaviourJson());
            })
        .put("/emulator/push/retry", this::setRetry)
        .get("/emulator/push/deliveries", this::deliveries)
        .delete(
            "/emulator/push/deliveries",
            request -> {
              context.push().resetDeliveries();
              return Response.empty(204);
            });
  }

  private Response listSubscriptions(Request request) {
    return Response.json(
        200,
        Map.of(
            "subscriptions",
            context.pubSub().subscriptions().stream()
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .map(PushAdmin::subscriptionJson)
                .toList()));
  }

  private Response putSubscription(Request request) {
    Map<String, Object> body = request.jsonObject();
    PushSubscription subscription =
        new PushSubscription(
            text(body, "name"),
            text(body, "topic"),
            uri(text(body, "pushEndpoint")),
            text(body, "audience"),
            text(body, "serviceAccountEmail"));
    context.pubSub().subscribe(subscription);
    return Response.json(200, subscriptionJson(subscription));
  }

  private Response deleteSubscription(Request request) {
    return context
        .pubSub()
        .remove(request.pathVariable("name"))
        .map(removed -> Response.empty(204))
        .orElseGet(() -> GoogleErrors.api(404, "notFound", "Subscription does not exist"));
  }

  private Response listed(Request request, String kind) {
    String account = request.query("account").orElse(null);
    List<Map<String, Object>> items =
        context.push().registries().stream()
            .filter(registry -> registry.kind().equals(kind))
            .flatMap(registry -> registry.describe(account).stream())
            .toList();
    return Response.json(200, Map.of(kind, items));
  }

  /** {@code {account?}}: expires the account's channels and watches (everyone's without). */
  private Response expire(Request request) {
    String account = request.body().length == 0 ? null : text(request.jsonObject(), "account");
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("channels", 0);
    result.put("watches", 0);
    for (WatchRegistry registry : context.push().registries()) {
      result.merge(registry.kind(), registry.expireNow(account), (a, b) -> (int) a + (int) b);
    }
    return Response.json(200, result);
  }

  /**
   * {@code {account?, delayMs, dropRate, dropNext, duplicateRate, reorderWindowMs}}: replaces the
   * behaviour of one account or the global one; fields left out are 0.
   */
  private Response setBehaviour(Request request) {
    Map<String, Object> body = request.jsonObject();
    PushBehaviour behaviour =
        new PushBehaviour(
            number(body, "delayMs", 0).longValue(),
            number(body, "dropRate", 0).doubleValue(),
            number(body, "dropNext", 0).intValue(),
            number(body, "duplicateRate", 0).doubleValue(),
            number(body, "reorderWindowMs", 0).longValue());
    context.push().behaviour(text(body, "account"), behaviour);
    return Response.json(200, behaviourJson());
  }

  /** {@code {initialBackoffMs, maxBackoffMs, maxAttempts, timeoutMs}}; left out keeps the value. */
  private Response setRetry(Request request) {
    Map<String, Object> body = request.jsonObject();
    RetryPolicy current = context.push().retryPolicy();
    context
        .push()
        .retryPolicy(
            new RetryPolicy(
                number(body, "initialBackoffMs", current.initialBackoffMs()).longValue(),
                number(body, "maxBackoffMs", current.maxBackoffMs()).longValue(),
                number(body, "maxAttempts", current.maxAttempts()).intValue(),
                number(body, "timeoutMs", current.timeoutMs()).longValue()));
    return Response.json(200, behaviourJson());
  }

  private Response deliveries(Request request) {
    return request
        .query("target")
        .map(
            target ->
                context
                    .push()
                    .deliveries(target)
                    .map(counts -> Response.json(200, counts))
                    .orElseGet(
                        () -> GoogleErrors.api(404, "notFound", "No deliveries for " + target)))
        .orElseGet(() -> Response.json(200, context.push().deliveries()));
  }

  private Map<String, Object> behaviourJson() {
    Map<String, Object> accounts = new LinkedHashMap<>();
    new java.util.TreeMap<>(context.push().accountBehaviours())
        .forEach((account, behaviour) -> accounts.put(account, behaviourJson(behaviour)));
    RetryPolicy retry = context.push().retryPolicy();
    Map<String, Object> retryJson = new LinkedHashMap<>();
    retryJson.put("initialBackoffMs", retry.initialBackoffMs());
    retryJson.put("maxBackoffMs", retry.maxBackoffMs());
    retryJson.put("maxAttempts", retry.maxAttempts());
    retryJson.put("timeoutMs", retry.timeoutMs());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("global", behaviourJson(context.push().behaviour(null)));
    result.put("accounts", accounts);
    result.put("retry", retryJson);
    return result;
  }

  private static Map<String, Object> behaviourJson(PushBehaviour behaviour) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("delayMs", behaviour.delayMs());
    json.put("dropRate", behaviour.dropRate());
    json.put("dropNext", behaviour.dropNext());
    json.put("duplicateRate", behaviour.duplicateRate());
    json.put("reorderWindowMs", behaviour.reorderWindowMs());
    return json;
  }

  static Map<String, Object> subscriptionJson(PushSubscription subscription) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", subscription.name());
    json.put("topic", subscription.topic());
    json.put("pushEndpoint", subscription.pushEndpoint().toString());
    json.put("audience", subscription.audience());
    json.put("serviceAccountEmail", subscription.serviceAccountEmail());
    return json;
  }

  private static String text(Map<String, Object> body, String name) {
    Object value = body.get(name);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new IllegalArgumentException(name + " must be a string");
  }

  private static Number number(Map<String, Object> body, String name, Number fallback) {
    Object value = body.get(name);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number number) {
      return number;
    }
    throw new IllegalArgumentException(name + " must be a number");
  }

  private static URI uri(String value) {
    if (value == null) {
      throw new IllegalArgumentException("pushEndpoint is required");
    }
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("pushEndpoint must be an absolute http(s) URL");
    }
  }
}
