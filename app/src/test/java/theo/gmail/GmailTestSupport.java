package theo.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.Base64;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Message;
import com.google.api.services.gmail.model.MessagePart;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import theo.GoogleBrowser;
import theo.auth.GoogleAccounts;
import theo.emulator.GoogleEmulator;
import theo.integration.spi.SyncCancelledException;
import theo.integration.spi.SyncRun;

/**
 * What the Gmail tests share: a person connecting Gmail through the real OAuth round trip (the
 * app's connect flow against the emulator's consent pages, over HTTP), the emulator's admin API,
 * and the check that Theo's copy equals the emulator's mailbox.
 */
final class GmailTestSupport {

  private final String app;
  private final GoogleEmulator emulator;
  private final JdbcClient jdbc;
  private final GoogleAccounts googleAccounts;
  private final HttpClient admin = HttpClient.newHttpClient();

  GmailTestSupport(int port, GoogleEmulator emulator, JdbcClient jdbc, GoogleAccounts accounts) {
    this.app = "http://localhost:" + port;
    this.emulator = emulator;
    this.jdbc = jdbc;
    this.googleAccounts = accounts;
  }

  /** A signed-in person, their session and their Theo user id. */
  record Person(String email, UUID userId, HttpClient browser, CookieManager cookies) {
    String csrfToken() {
      return cookies.getCookieStore().getCookies().stream()
          .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
          .map(HttpCookie::getValue)
          .findFirst()
          .orElseThrow();
    }
  }

  /**
   * A new emulator account that signs in to Theo and connects Gmail (when {@code gmail}) through
   * the app's flows and the emulator's consent page, then waits for the sync connecting starts.
   */
  Person connect(String prefix, boolean gmail) throws Exception {
    String email = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    emulator.accounts().create(email, prefix);
    CookieManager cookies = new CookieManager();
    GoogleBrowser google = new GoogleBrowser(app, cookies);
    google.signIn(email);
    if (gmail) {
      assertThat(google.connect("gmail", email, Set.of())).contains("connected=gmail");
    }
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    get(browser, app + "/settings/integrations"); // sets the CSRF cookie
    Map<?, ?> status = json(get(browser, app + "/api/integrations/status").body());
    UUID userId = UUID.fromString((String) ((Map<?, ?>) status.get("user")).get("id"));
    if (gmail) {
      assertThat(googleAccounts.find(userId).orElseThrow().grantedScopes())
          .contains("https://www.googleapis.com/auth/gmail.readonly");
      google.awaitSyncEnded("gmail");
    }
    return new Person(email, userId, browser, cookies);
  }

  HttpResponse<String> get(HttpClient client, String url) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Calls the emulator's admin API; answers the JSON object. */
  Map<?, ?> admin(String method, String path, String body) throws Exception {
    HttpResponse<String> response =
        admin.send(
            HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(
                    method,
                    body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path).isBetween(200, 299);
    return response.body().isEmpty() ? Map.of() : json(response.body());
  }

  /**
   * Sets the emulator's per-user Gmail quota and Theo's pacing to the same ceiling. Tests other
   * than the pacing test use a high one so mailboxes of a few thousand messages sync in seconds.
   */
  void quota(GmailQuota pacing, int unitsPerMinute) throws Exception {
    admin(
        "PUT",
        "/emulator/quota",
        "{\"api\":\"gmail\",\"userUnitsPerMinute\":" + unitsPerMinute + "}");
    pacing.unitsPerMinute(unitsPerMinute);
  }

  Map<?, ?> generate(String email, int count, int seed) throws Exception {
    return admin(
        "POST",
        "/emulator/accounts/" + email + "/gmail/generate",
        "{\"count\":" + count + ",\"seed\":" + seed + "}");
  }

  String deliver(String email, String subject, String body, String threadId) throws Exception {
    return (String)
        admin(
                "POST",
                "/emulator/accounts/" + email + "/gmail/messages",
                "{\"from\":\"carol@example.net\",\"subject\":\""
                    + subject
                    + "\",\"body\":\""
                    + body
                    + "\""
                    + (threadId == null ? "" : ",\"threadId\":\"" + threadId + "\"")
                    + "}")
            .get("id");
  }

  Map<?, ?> summary(String email) throws Exception {
    return admin("GET", "/emulator/accounts/" + email + "/gmail/summary", null);
  }

  static Map<?, ?> json(String body) throws IOException {
    return GsonFactory.getDefaultInstance().fromString(body, Map.class);
  }

  /** Google's Gmail client as the person (with Theo's stored token), straight at the emulator. */
  Gmail gmailOf(UUID userId) {
    String token = googleAccounts.validAccessToken(userId).value();
    return new Gmail.Builder(
            new com.google.api.client.http.javanet.NetHttpTransport(),
            GsonFactory.getDefaultInstance(),
            request -> request.getHeaders().setAuthorization("Bearer " + token))
        .setRootUrl(emulator.baseUrl() + "/")
        .setApplicationName("GmailTests")
        .build();
  }

  /** The ids of every message (spam and trash included) matching a Gmail search, from Google. */
  Set<String> idsMatching(UUID userId, String q) throws IOException {
    Gmail gmail = gmailOf(userId);
    Set<String> ids = new HashSet<>();
    String token = null;
    do {
      ListMessagesResponse page =
          gmail
              .users()
              .messages()
              .list("me")
              .setQ(q)
              .setIncludeSpamTrash(true)
              .setMaxResults(500L)
              .setPageToken(token)
              .execute();
      if (page.getMessages() != null) {
        page.getMessages().forEach(message -> ids.add(message.getId()));
      }
      token = page.getNextPageToken();
    } while (token != null);
    return ids;
  }

  /**
   * Theo's copy equals the emulator's mailbox: the same message ids, threads, per-label counts and
   * unread count, and for a sample of messages the same fields and body.
   */
  void assertMirrors(Person person) throws Exception {
    Map<?, ?> summary = summary(person.email());
    Gmail gmail = gmailOf(person.userId());
    Set<String> googleIds = idsMatching(person.userId(), null);
    List<String> ids =
        jdbc.sql("select id from gmail_messages where user_id = :u")
            .param("u", person.userId())
            .query(String.class)
            .list();
    assertThat(ids).hasSize(googleIds.size());
    assertThat(new HashSet<>(ids)).isEqualTo(googleIds);
    assertThat(ids).hasSize(((Number) summary.get("messagesTotal")).intValue());
    assertThat(count("select count(*) from gmail_threads where user_id = :u", person))
        .isEqualTo(((Number) summary.get("threadsTotal")).longValue());
    Map<String, Long> labelCounts =
        jdbc
            .sql(
                "select label, count(*) as n from gmail_messages, unnest(label_ids) label"
                    + " where user_id = :u group by label")
            .param("u", person.userId())
            .query((rs, row) -> Map.entry(rs.getString("label"), rs.getLong("n")))
            .list()
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    Map<String, Long> expected =
        ((Map<?, ?>) summary.get("labels"))
            .entrySet().stream()
                .collect(
                    Collectors.toMap(
                        entry -> (String) entry.getKey(),
                        entry -> ((Number) entry.getValue()).longValue()));
    assertThat(labelCounts).isEqualTo(expected);
    List<String> sample = new ArrayList<>(googleIds);
    java.util.Collections.shuffle(sample, new java.util.Random(7));
    for (String id : sample.subList(0, Math.min(25, sample.size()))) {
      assertMessageStored(
          person, gmail.users().messages().get("me", id).setFormat("full").execute());
    }
  }

  private void assertMessageStored(Person person, Message message) {
    Map<String, Object> row =
        jdbc.sql("select * from gmail_messages where user_id = :u and id = :id")
            .param("u", person.userId())
            .param("id", message.getId())
            .query()
            .singleRow();
    assertThat(row.get("thread_id")).isEqualTo(message.getThreadId());
    assertThat(row.get("subject")).isEqualTo(header(message, "Subject"));
    assertThat(row.get("from_address")).isEqualTo(header(message, "From"));
    assertThat(row.get("to_addresses")).isEqualTo(header(message, "To"));
    assertThat(row.get("snippet")).isEqualTo(message.getSnippet());
    assertThat(((java.sql.Timestamp) row.get("internal_date")).getTime())
        .isEqualTo(message.getInternalDate());
    assertThat(row.get("history_id")).isEqualTo(message.getHistoryId().longValue());
    assertThat(row.get("size_estimate")).isEqualTo(message.getSizeEstimate());
    assertThat(row.get("body_text")).isEqualTo(firstBody(message.getPayload(), "text/plain"));
    assertThat(row.get("body_html")).isEqualTo(firstBody(message.getPayload(), "text/html"));
    try {
      assertThat(List.of((String[]) ((java.sql.Array) row.get("label_ids")).getArray()))
          .containsExactlyInAnyOrderElementsOf(message.getLabelIds());
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String header(Message message, String name) {
    return message.getPayload().getHeaders().stream()
        .filter(header -> header.getName().equalsIgnoreCase(name))
        .map(header -> header.getValue())
        .findFirst()
        .orElse("");
  }

  private static String firstBody(MessagePart part, String mimeType) {
    boolean attachment = part.getFilename() != null && !part.getFilename().isEmpty();
    if (!attachment
        && part.getMimeType().toLowerCase(Locale.ROOT).startsWith(mimeType)
        && part.getBody() != null
        && part.getBody().getData() != null) {
      return new String(Base64.decodeBase64(part.getBody().getData()), StandardCharsets.UTF_8);
    }
    if (part.getParts() != null) {
      for (MessagePart child : part.getParts()) {
        String found = firstBody(child, mimeType);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  long count(String sql, Person person) {
    return jdbc.sql(sql).param("u", person.userId()).query(Long.class).single();
  }

  /** A run handle that records progress and cancels once {@code cancelAfter} items are done. */
  static final class TestRun implements SyncRun {
    private final long cancelAfter;
    volatile long processed;
    volatile int progressCalls;

    TestRun(long cancelAfter) {
      this.cancelAfter = cancelAfter;
    }

    static TestRun uninterrupted() {
      return new TestRun(Long.MAX_VALUE);
    }

    @Override
    public void progress(long processed, long total) {
      this.processed = processed;
      progressCalls++;
    }

    @Override
    public void checkCancelled() {
      if (processed >= cancelAfter) {
        throw new SyncCancelledException();
      }
    }
  }
}
