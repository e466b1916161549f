package theo.emulator.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import theo.emulator.Account;
import theo.emulator.EmulatorContext;
import theo.emulator.Faults;
import theo.emulator.Surface;
import theo.emulator.http.GoogleErrors;
import theo.emulator.http.Request;
import theo.emulator.http.Response;
import theo.emulator.http.Router;
import theo.emulator.quota.QuotaLimiter;

/** The emulator-wide admin API: accounts, counters and fault injection. */
public final class AdminSurface implements Surface {
  private final EmulatorContext context;

  public AdminSurface(EmulatorContext context) {
    this.context = context;
  }

  @Override
  public void register(Router router) {
    router
        .get("/emulator/accounts", this::listAccounts)
        .post("/emulator/accounts", this::createAccount)
        .get("/emulator/stats", request -> Response.json(200, context.stats().snapshot()))
        .get("/emulator/quota", request -> Response.json(200, quotasAsMap()))
        .put("/emulator/quota", this::setQuota)
        .put("/emulator/faults", this::replaceFaults)
        .get("/emulator/faults", request -> Response.json(200, Map.of("rules", faultsAsMaps())))
        .delete(
            "/emulator/faults",
            request -> {
              context.faults().clear();
              return Response.empty(204);
            });
  }

  private Response listAccounts(Request request) {
    List<Map<String, Object>> accounts = new ArrayList<>();
    for (Account account : context.accounts().all()) {
      accounts.add(accountJson(account));
    }
    return Response.json(200, Map.of("accounts", accounts));
  }

  private Response createAccount(Request request) {
    Map<String, Object> body = request.jsonObject();
    Object email = body.get("email");
    Object name = body.get("name");
    if (!(email instanceof String address) || !address.contains("@")) {
      return GoogleErrors.api(400, "invalid", "email is required and must be an email address");
    }
    try {
      Account account =
          context.accounts().create(address, name instanceof String text ? text : null);
      return Response.json(201, accountJson(account));
    } catch (IllegalStateException e) {
      return GoogleErrors.api(409, "duplicate", e.getMessage());
    }
  }

  /**
   * {@code {api?, userUnitsPerMinute, projectUnitsPerMinute}}; {@code api} defaults to "gmail".
   * Either limit may be left out to keep its current value.
   */
  private Response setQuota(Request request) {
    Map<String, Object> body = request.jsonObject();
    String api = body.get("api") instanceof String name ? name : "gmail";
    QuotaLimiter limiter = context.quotas().find(api).orElse(null);
    if (limiter == null) {
      return GoogleErrors.api(404, "notFound", "No quota for API " + api);
    }
    limiter.setLimits(
        number(body.get("userUnitsPerMinute"), limiter.userUnitsPerMinute()).longValue(),
        number(body.get("projectUnitsPerMinute"), limiter.projectUnitsPerMinute()).longValue());
    return Response.json(200, quotasAsMap());
  }

  private Map<String, Object> quotasAsMap() {
    Map<String, Object> result = new LinkedHashMap<>();
    context
        .quotas()
        .all()
        .forEach(
            (api, limiter) ->
                result.put(
                    api,
                    Map.of(
                        "userUnitsPerMinute", limiter.userUnitsPerMinute(),
                        "projectUnitsPerMinute", limiter.projectUnitsPerMinute())));
    return result;
  }

  private Response replaceFaults(Request request) {
    Object rules = request.jsonObject().get("rules");
    if (!(rules instanceof List<?> list)) {
      return GoogleErrors.api(400, "invalid", "Expected {\"rules\":[...]}");
    }
    List<Faults.Rule> parsed = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> rule) || !(rule.get("path") instanceof String path)) {
        return GoogleErrors.api(400, "invalid", "Every rule needs a path pattern");
      }
      parsed.add(
          new Faults.Rule(
              path,
              rule.get("method") instanceof String method ? method : null,
              number(rule.get("status"), 0).intValue(),
              number(rule.get("delayMs"), 0).longValue(),
              Boolean.TRUE.equals(rule.get("reset")),
              number(rule.get("rate"), 1).doubleValue()));
    }
    context.faults().replace(parsed);
    return Response.json(200, Map.of("rules", faultsAsMaps()));
  }

  private List<Map<String, Object>> faultsAsMaps() {
    List<Map<String, Object>> result = new ArrayList<>();
    for (Faults.Rule rule : context.faults().rules()) {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("path", rule.pathPattern());
      if (rule.method() != null) {
        map.put("method", rule.method());
      }
      map.put("status", rule.status());
      map.put("delayMs", rule.delayMs());
      map.put("reset", rule.reset());
      map.put("rate", rule.rate());
      result.add(map);
    }
    return result;
  }

  private static Number number(Object value, Number fallback) {
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number number) {
      return number;
    }
    throw new IllegalArgumentException("Expected a number but got " + value);
  }

  static Map<String, Object> accountJson(Account account) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("sub", account.sub());
    json.put("email", account.email());
    json.put("name", account.name());
    return json;
  }
}
