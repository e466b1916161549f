package theo.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.MethodParameter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import theo.GoogleBrowser;
import theo.TheoTest;
import theo.emulator.GoogleEmulator;
import theo.ratelimit.Decision;
import theo.ratelimit.RateLimiter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a seeded corpus of hostile input (control characters, huge and odd numbers, deep and huge
 * JSON, wrong types, odd encodings, path tricks) to every {@code /api} endpoint Spring knows, as a
 * signed-in user with Gmail and Calendar connected and a CSRF token: none may answer 5xx, and a
 * refused request may leave no row behind, nor a draft at Google. Rate limits are lifted so the
 * requests reach the validation they are meant to test.
 */
@TheoTest
class ApiFuzzTests {
  private static final long SEED = 20_261_204L;
  private static final int ROUNDS_PER_ENDPOINT = 50;
  private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Tables a refused request must not grow (background syncs write the others). */
  private static final List<String> WATCHED =
      List.of(
          "approvals",
          "users",
          "google_accounts",
          "integration_grants",
          "gmail_sync_settings",
          "calendar_calendars");

  @LocalServerPort int port;
  @Autowired GoogleEmulator emulator;
  @Autowired JdbcClient jdbc;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  private final Random random = new Random(SEED);
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(cookies)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private String email;

  @TestConfiguration
  static class Unlimited {
    @Bean
    @Primary
    RateLimiter unlimited() {
      return (limit, key) -> new Decision(true, Long.MAX_VALUE, Instant.EPOCH, Duration.ZERO);
    }
  }

  @Test
  void everyEndpointWhenSentHostileInputThenNever5xxAndRefusalsWriteNothing() throws Exception {
    email = "fuzz-" + UUID.randomUUID() + "@example.com";
    emulator.accounts().create(email, "Fuzz Person");
    GoogleBrowser browser = new GoogleBrowser("http://localhost:" + port, cookies);
    browser.signIn(email);
    browser.connect("gmail", email, Set.of());
    browser.connect("calendar", email, Set.of());
    browser.awaitSyncEnded("gmail");
    browser.awaitSyncEnded("calendar");

    List<Endpoint> endpoints = endpoints();
    assertThat(endpoints).hasSizeGreaterThan(20);
    List<String> failures = new ArrayList<>();
    int sent = 0;
    long started = System.nanoTime();
    for (Endpoint endpoint : endpoints) {
      for (int round = 0; round < ROUNDS_PER_ENDPOINT; round++) {
        Probe probe = probe(endpoint, round);
        Map<String, Long> before = counts(endpoint);
        HttpResponse<String> response = send(probe);
        sent++;
        if (response == null) {
          continue;
        }
        int status = response.statusCode();
        if (status >= 500) {
          failures.add(status + " " + probe.describe() + " -> " + abbreviate(response.body()));
        } else if (status >= 400) {
          Map<String, Long> after = counts(endpoint);
          if (!after.equals(before)) {
            failures.add(
                "refused "
                    + status
                    + " but wrote "
                    + before
                    + " -> "
                    + after
                    + ": "
                    + probe.describe());
          }
          if (probe.path().startsWith("/api/") && !isErrorJson(response)) {
            failures.add(
                "not error JSON "
                    + status
                    + " "
                    + probe.describe()
                    + " -> "
                    + response.headers().firstValue("Content-Type").orElse("")
                    + " "
                    + abbreviate(response.body()));
          }
        }
      }
    }
    System.out.printf(
        "ApiFuzzTests: %d requests to %d endpoints in %d s%n",
        sent, endpoints.size(), Duration.ofNanos(System.nanoTime() - started).toSeconds());
    assertThat(failures).isEmpty();
  }

  // ---- endpoints, from Spring's handler mappings ----

  record Endpoint(
      String method,
      String pattern,
      List<String> params,
      List<String> bodyFields,
      boolean takesBody) {
    boolean isGmail() {
      return pattern.contains("gmail") || pattern.contains("{integration}");
    }
  }

  private List<Endpoint> endpoints() {
    List<Endpoint> endpoints = new ArrayList<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
        mappings.getHandlerMethods().entrySet()) {
      RequestMappingInfo info = entry.getKey();
      HandlerMethod handler = entry.getValue();
      Set<String> methods = new TreeSet<>();
      info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
      if (methods.isEmpty()) {
        methods.addAll(List.of("GET", "POST"));
      }
      List<String> params = new ArrayList<>();
      List<String> fields = new ArrayList<>();
      boolean body = false;
      for (MethodParameter parameter : handler.getMethodParameters()) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null) {
          params.add(param.name().isEmpty() ? param.value() : param.name());
          if (params.get(params.size() - 1).isEmpty()) {
            params.set(params.size() - 1, parameter.getParameterName());
          }
        }
        if (parameter.hasParameterAnnotation(RequestBody.class)) {
          body = true;
          Class<?> type = parameter.getParameterType();
          if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
              fields.add(component.getName());
            }
          }
        }
      }
      for (String pattern : info.getPatternValues()) {
        if (!pattern.startsWith("/api/")) {
          continue;
        }
        for (String method : methods) {
          endpoints.add(new Endpoint(method, pattern, params, fields, body));
        }
      }
    }
    endpoints.sort((a, b) -> (a.pattern() + a.method()).compareTo(b.pattern() + b.method()));
    return endpoints;
  }

  // ---- the corpus ----

  record Probe(
      String method, String path, String query, byte[] body, String contentType, String key) {
    String describe() {
      String shownBody =
          body == null
              ? ""
              : " body("
                  + body.length
                  + "B)="
                  + abbreviate(new String(body, StandardCharsets.UTF_8));
      return method + " " + abbreviate(path + (query.isEmpty() ? "" : "?" + query)) + shownBody;
    }
  }

  private static final List<String> HOSTILE =
      List.of(
          "\u0000",
          "a\u0000b",
          "\u0001\u0002\u001f\u007f",
          "\r\nX-Injected: 1",
          "\t",
          "",
          " ",
          "..",
          "../../etc/passwd",
          "%2F",
          "/",
          "%",
          "%00",
          "\uD800",
          "\uDFFF\uD800",
          "😀".repeat(50),
          "<script>alert(1)</script>",
          "' OR 1=1 --",
          "${jndi:ldap://x}",
          "RRULE:FREQ=SECONDLY",
          "RRULE:FREQ=DAILY;COUNT=-1",
          "RRULE:FREQ=WEEKLY;BYDAY=XX",
          "EXDATE:not-a-date",
          "+999999999-12-31T23:59:59Z",
          "-999999999-01-01T00:00:00Z",
          "0000-01-01",
          "9999-12-31T23:59:59Z",
          "2026-02-30",
          "Europe/Nowhere",
          "x".repeat(10_000),
          "a@b.c",
          "a@b.c,".repeat(200),
          "gmail",
          "calendar",
          "INBOX",
          "primary",
          "approve",
          "reject",
          "full",
          "auto",
          "-1",
          "0",
          "2147483648",
          "99999999999999999999999",
          "1e309",
          "NaN",
          "MTo=",
          "OjpubGw",
          "AAAA",
          "bm90LWEtY3Vyc29y");

  private String hostile() {
    return HOSTILE.get(random.nextInt(HOSTILE.size()));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private Probe probe(Endpoint endpoint, int round) {
    String path = path(endpoint.pattern());
    StringBuilder query = new StringBuilder();
    List<String> names = new ArrayList<>(endpoint.params());
    if (random.nextInt(4) == 0) {
      names.add(hostile());
    }
    for (String name : names) {
      if (random.nextInt(3) > 0) {
        query.append(query.isEmpty() ? "" : "&").append(encode(name)).append('=');
        query.append(random.nextInt(5) == 0 ? "%00" : encode(hostile()));
      }
    }
    byte[] body = null;
    String contentType = "application/json";
    if (endpoint.takesBody() || random.nextInt(5) == 0) {
      body = body(endpoint, round);
      int kind = random.nextInt(12);
      if (kind == 0) {
        contentType = "text/plain";
      } else if (kind == 1) {
        contentType = "application/json; charset=ISO-8859-1";
      } else if (kind == 2) {
        contentType = "application/x-www-form-urlencoded";
      }
    }
    String key = random.nextInt(4) == 0 ? hostileHeader() : null;
    return new Probe(endpoint.method(), path, query.toString(), body, contentType, key);
  }

  private String path(String pattern) {
    Matcher matcher = VARIABLE.matcher(pattern);
    StringBuilder path = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String value;
      int pick = random.nextInt(10);
      if (name.equals("integration") && pick < 6) {
        value = pick < 3 ? "gmail" : "calendar";
      } else if (pick < 2) {
        value = UUID.randomUUID().toString();
      } else if (pick == 2) {
        value = "%2F..%2F";
      } else if (pick == 3) {
        value = "%00";
      } else {
        value = encode(hostile());
      }
      matcher.appendReplacement(path, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(path);
    return path.toString();
  }

  private byte[] body(Endpoint endpoint, int round) {
    switch (round % 10) {
      case 0 -> {
        return "{".repeat(random.nextInt(2) == 0 ? 3 : 5_000).getBytes(StandardCharsets.UTF_8);
      }
      case 1 -> {
        return ("[".repeat(2_000) + "]".repeat(2_000)).getBytes(StandardCharsets.UTF_8);
      }
      case 2 -> {
        // Over the 1 MB default limit, under Tomcat's 2 MB swallow size.
        String big = "x".repeat(1_200_000 + random.nextInt(400_000));
        return ("{\"title\":\"" + big + "\"}").getBytes(StandardCharsets.UTF_8);
      }
      case 3 -> {
        return new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
      }
      case 4 -> {
        return random.nextBoolean() ? new byte[0] : "null".getBytes(StandardCharsets.UTF_8);
      }
      default -> {
        return JSON.writeValueAsBytes(object(endpoint.bodyFields(), 0));
      }
    }
  }

  private Map<String, Object> object(List<String> fields, int depth) {
    Map<String, Object> object = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(fields);
    names.addAll(
        List.of(
            "title",
            "startsAt",
            "endsAt",
            "subject",
            "to",
            "body",
            "recurrence",
            "selected",
            "maxAgeDays",
            "type",
            "action",
            "response",
            "redirectUrl"));
    for (String name : names) {
      if (random.nextInt(3) > 0) {
        object.put(name, value(depth));
      }
    }
    return object;
  }

  private Object value(int depth) {
    return switch (random.nextInt(depth > 2 ? 8 : 10)) {
      case 0 -> hostile();
      case 1 -> random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
      case 2 -> new java.math.BigInteger("9".repeat(1 + random.nextInt(900)));
      case 3 -> random.nextBoolean() ? 1e308 : -0.0;
      case 4 -> random.nextBoolean();
      case 5 -> null;
      case 6 -> random.nextInt(200) - 100;
      case 7 -> "2026-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(9) + "T09:00:00Z";
      case 8 -> java.util.Arrays.asList(hostile(), hostile(), value(depth + 1));
      default -> object(List.of(), depth + 1);
    };
  }

  private String hostileHeader() {
    return switch (random.nextInt(4)) {
      case 0 -> "k".repeat(300);
      case 1 -> "";
      case 2 -> "key " + random.nextInt();
      default -> "ümlaut";
    };
  }

  // ---- sending and checking ----

  private HttpResponse<String> send(Probe probe) throws InterruptedException {
    String uri = "http://localhost:" + port + probe.path();
    if (!probe.query().isEmpty()) {
      uri += "?" + probe.query();
    }
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30));
    } catch (IllegalArgumentException e) {
      return null;
    }
    request.method(
        probe.method(),
        probe.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(probe.body()));
    request.header("Accept", "application/json");
    if (probe.body() != null) {
      request.header("Content-Type", probe.contentType());
    }
    if (probe.key() != null) {
      request.header("Idempotency-Key", probe.key());
    }
    request.header("X-XSRF-TOKEN", xsrf());
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("No answer to " + probe.describe(), e);
    }
  }

  private String xsrf() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElseThrow();
  }

  private Map<String, Long> counts(Endpoint endpoint) throws InterruptedException {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : WATCHED) {
      counts.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
    }
    if (endpoint.isGmail()) {
      counts.put("drafts at Google", drafts());
    }
    return counts;
  }

  private long drafts() throws InterruptedException {
    try {
      HttpResponse<String> summary =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          emulator.baseUrl() + "/emulator/accounts/" + email + "/gmail/summary"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(summary.body()).path("drafts").asLong(-1);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isErrorJson(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body()).at("/error/code").isString();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String abbreviate(String text) {
    String flat = text.replaceAll("\\p{Cntrl}", "?");
    return flat.length() > 200 ? flat.substring(0, 200) + "…(" + flat.length() + ")" : flat;
  }
}
