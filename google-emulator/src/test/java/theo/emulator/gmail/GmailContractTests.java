package theo.emulator.gmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.googleapis.services.AbstractGoogleClientRequest;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.Draft;
import com.google.api.services.gmail.model.Label;
import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Message;
import com.google.api.services.gmail.model.MessagePart;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import theo.emulator.DiscoverySchemas;
import theo.emulator.EmulatorFixture;

/**
 * Every emulated Gmail method driven through Google's own Java client, each answer validated
 * against Google's discovery document (keys, JSON types, enums, int64 as strings), then the
 * behaviours clients depend on, one by one: partial responses, ids, errors and their headers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GmailContractTests {
  private static final String ALICE = "alice@example.com";
  private static final String MODIFY = "https://www.googleapis.com/auth/gmail.modify";

  /** The Gmail methods the emulator serves (the README's fidelity table lists the same). */
  private static final Set<String> EMULATED =
      Set.of(
          "gmail.users.getProfile",
          "gmail.users.messages.list",
          "gmail.users.messages.get",
          "gmail.users.messages.attachments.get",
          "gmail.users.messages.send",
          "gmail.users.messages.insert",
          "gmail.users.messages.import",
          "gmail.users.labels.list",
          "gmail.users.labels.get",
          "gmail.users.threads.list",
          "gmail.users.threads.get",
          "gmail.users.history.list",
          "gmail.users.drafts.create",
          "gmail.users.drafts.get",
          "gmail.users.drafts.list",
          "gmail.users.drafts.update",
          "gmail.users.drafts.send");

  private final DiscoverySchemas schemas = DiscoverySchemas.load("gmail.v1.json");
  private final Set<String> validated = new LinkedHashSet<>();
  private EmulatorFixture fixture;
  private Gmail gmail;

  @BeforeAll
  void start() {
    fixture = new EmulatorFixture();
    fixture
        .emulator()
        .context()
        .quotas()
        .find("gmail")
        .orElseThrow()
        .setLimits(1_000_000, 1_000_000);
    assertThat(
            fixture
                .admin(
                    "POST",
                    "/emulator/accounts/" + ALICE + "/gmail/generate",
                    Map.of("count", 60, "seed", 17))
                .status())
        .isEqualTo(200);
    gmail =
        fixture.gmail(
            fixture.token(
                ALICE,
                MODIFY,
                EmulatorFixture.GMAIL_READONLY,
                "https://www.googleapis.com/auth/gmail.insert"));
  }

  @AfterAll
  void stop() {
    fixture.close();
  }

  /** Runs the client's request and checks its raw JSON against the method's response schema. */
  private String conforms(AbstractGoogleClientRequest<?> request, String methodId)
      throws IOException {
    String json = request.executeUnparsed().parseAsString();
    assertThat(schemas.violations(schemas.responseOf(methodId), json)).as(methodId).isEmpty();
    validated.add(methodId);
    return json;
  }

  private static String raw(String subject) {
    String message =
        "To: bob@example.com\r\nSubject: "
            + subject
            + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nHello\r\n";
    return Base64.getUrlEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyEmulatedMethodAnswersWhatTheDiscoveryDocumentDeclares() throws IOException {
    Gmail.Users users = gmail.users();
    conforms(users.getProfile("me"), "gmail.users.getProfile");
    conforms(users.messages().list("me").setMaxResults(50L), "gmail.users.messages.list");
    List<Message> messages = users.messages().list("me").setMaxResults(60L).execute().getMessages();
    for (String format : List.of("full", "metadata", "minimal", "raw")) {
      for (Message message : messages.subList(0, 10)) {
        conforms(
            users.messages().get("me", message.getId()).setFormat(format),
            "gmail.users.messages.get");
      }
    }
    Message withAttachment =
        users.messages().list("me").setQ("has:attachment").execute().getMessages().get(0);
    MessagePart attachment =
        users
            .messages()
            .get("me", withAttachment.getId())
            .execute()
            .getPayload()
            .getParts()
            .stream()
            .filter(part -> part.getBody().getAttachmentId() != null)
            .findFirst()
            .orElseThrow();
    conforms(
        users
            .messages()
            .attachments()
            .get("me", withAttachment.getId(), attachment.getBody().getAttachmentId()),
        "gmail.users.messages.attachments.get");
    conforms(users.labels().list("me"), "gmail.users.labels.list");
    for (Label label : users.labels().list("me").execute().getLabels()) {
      conforms(users.labels().get("me", label.getId()), "gmail.users.labels.get");
    }
    conforms(users.threads().list("me"), "gmail.users.threads.list");
    conforms(users.threads().get("me", messages.get(0).getThreadId()), "gmail.users.threads.get");
    BigInteger historyId = users.getProfile("me").execute().getHistoryId();
    conforms(
        users.messages().send("me", new Message().setRaw(raw("sent"))),
        "gmail.users.messages.send");
    conforms(
        users
            .messages()
            .insert("me", new Message().setRaw(raw("inserted")).setLabelIds(List.of("INBOX"))),
        "gmail.users.messages.insert");
    conforms(
        users.messages().gmailImport("me", new Message().setRaw(raw("imported"))),
        "gmail.users.messages.import");
    conforms(users.history().list("me").setStartHistoryId(historyId), "gmail.users.history.list");
    Draft draft =
        users
            .drafts()
            .create("me", new Draft().setMessage(new Message().setRaw(raw("draft"))))
            .execute();
    conforms(
        users.drafts().create("me", new Draft().setMessage(new Message().setRaw(raw("draft 2")))),
        "gmail.users.drafts.create");
    conforms(users.drafts().get("me", draft.getId()), "gmail.users.drafts.get");
    conforms(users.drafts().list("me"), "gmail.users.drafts.list");
    conforms(
        users
            .drafts()
            .update(
                "me", draft.getId(), new Draft().setMessage(new Message().setRaw(raw("draft v2")))),
        "gmail.users.drafts.update");
    conforms(
        users.drafts().send("me", new Draft().setId(draft.getId())), "gmail.users.drafts.send");

    assertThat(validated).containsExactlyInAnyOrderElementsOf(EMULATED);
  }

  @Test
  void fieldsKeepsOnlyTheSelectedFieldsOfAnAnswer() throws IOException {
    ListMessagesResponse ids =
        gmail.users().messages().list("me").setMaxResults(5L).setFields("messages/id").execute();
    assertThat(ids.getMessages()).hasSize(5).allSatisfy(m -> assertThat(m.getThreadId()).isNull());
    assertThat(ids.getResultSizeEstimate()).isNull();
    assertThat(ids.getNextPageToken()).isNull();

    Message headers =
        gmail
            .users()
            .messages()
            .get("me", ids.getMessages().get(0).getId())
            .setFields("id,payload(mimeType,headers(name,value)),sizeEstimate")
            .execute();
    assertThat(headers.keySet()).containsExactlyInAnyOrder("id", "payload", "sizeEstimate");
    assertThat(headers.getPayload().keySet()).containsExactlyInAnyOrder("mimeType", "headers");

    assertThatThrownBy(() -> gmail.users().messages().list("me").setFields("messages(id").execute())
        .isInstanceOfSatisfying(
            GoogleJsonResponseException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(400);
              assertThat(e.getDetails().getErrors().get(0).getReason())
                  .isEqualTo("invalidParameter");
            });
  }

  @Test
  void labelsGetCountsTheLabelsMessagesAndThreads() throws IOException {
    Label inbox = gmail.users().labels().get("me", "INBOX").execute();
    long inInbox =
        gmail
            .users()
            .messages()
            .list("me")
            .setLabelIds(List.of("INBOX"))
            .setMaxResults(500L)
            .execute()
            .getResultSizeEstimate();
    assertThat(inbox.getType()).isEqualTo("system");
    assertThat(inbox.getMessagesTotal()).isEqualTo((int) inInbox);
    assertThat(inbox.getThreadsTotal()).isPositive().isLessThanOrEqualTo(inbox.getMessagesTotal());
    assertThat(inbox.getMessagesUnread()).isLessThanOrEqualTo(inbox.getMessagesTotal());

    assertStatus(() -> gmail.users().labels().get("me", "Label_999").execute(), 404, "notFound");
  }

  @Test
  void messageIdsThatAreNotGmailIdsAreRefusedBeforeTheyAreLookedUp() {
    assertStatus(
        () -> gmail.users().messages().get("me", "not-an-id!").execute(), 400, "invalidArgument");
    assertStatus(() -> gmail.users().threads().get("me", "XYZ").execute(), 400, "invalidArgument");
    assertStatus(
        () -> gmail.users().messages().get("me", "0000000000000000").execute(), 404, "notFound");
  }

  @Test
  void authFailuresAnswerGooglesChallengeAndErrorInfo() throws IOException {
    var missing = fixture.call("GET", "/gmail/v1/users/me/profile", null, null);
    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.body())
        .contains("\"reason\":\"required\"")
        .contains("\"location\":\"Authorization\"")
        .contains("\"reason\":\"CREDENTIALS_MISSING\"")
        .contains("\"status\":\"UNAUTHENTICATED\"");

    Gmail stranger = fixture.gmail("not-a-token");
    GoogleJsonResponseException invalid =
        catchGoogle(() -> stranger.users().getProfile("me").execute());
    assertThat(invalid.getStatusCode()).isEqualTo(401);
    assertThat(invalid.getHeaders().getAuthenticate())
        .isEqualTo("Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"");
    GoogleJsonError.ErrorInfo entry = invalid.getDetails().getErrors().get(0);
    assertThat(entry.getReason()).isEqualTo("authError");
    assertThat(entry.getLocation()).isEqualTo("Authorization");

    Gmail metadataOnly =
        fixture.gmail(fixture.token(ALICE, "https://www.googleapis.com/auth/gmail.labels"));
    GoogleJsonResponseException scopes =
        catchGoogle(() -> metadataOnly.users().messages().list("me").execute());
    assertThat(scopes.getStatusCode()).isEqualTo(403);
    assertThat(scopes.getHeaders().getAuthenticate())
        .startsWith("Bearer realm=\"https://accounts.google.com/\", error=\"insufficient_scope\"")
        .contains("https://www.googleapis.com/auth/gmail.readonly");
    assertThat(scopes.getDetails().getErrors().get(0).getReason())
        .isEqualTo("insufficientPermissions");
    assertThat(scopes.getDetails().getDetails())
        .singleElement()
        .satisfies(
            detail -> {
              assertThat(detail.getType()).isEqualTo("type.googleapis.com/google.rpc.ErrorInfo");
              assertThat(detail.getReason()).isEqualTo("ACCESS_TOKEN_SCOPE_INSUFFICIENT");
              assertThat(detail.get("domain")).isEqualTo("googleapis.com");
            });
  }

  @Test
  void rateLimitsAnswer429InTheUsageLimitsDomainWithRetryAfter() {
    EmulatorFixture limited = new EmulatorFixture();
    try {
      limited.emulator().context().quotas().find("gmail").orElseThrow().setLimits(1, 1_000_000);
      Gmail client = limited.gmail(limited.token(ALICE, EmulatorFixture.GMAIL_READONLY));
      GoogleJsonResponseException refused =
          catchGoogle(() -> client.users().messages().list("me").execute());
      assertThat(refused.getStatusCode()).isEqualTo(429);
      assertThat(refused.getHeaders().getRetryAfter()).matches("[0-9]+");
      assertThat(refused.getDetails().getErrors().get(0).getDomain()).isEqualTo("usageLimits");
      assertThat(refused.getDetails().getErrors().get(0).getReason())
          .isEqualTo("rateLimitExceeded");
      assertThat(refused.getDetails().getDetails().get(0).getReason())
          .isEqualTo("RATE_LIMIT_EXCEEDED");
    } finally {
      limited.close();
    }
  }

  @Test
  void anExpiredHistoryIdAnswers404AsGoogleDocuments() throws IOException {
    BigInteger start = gmail.users().getProfile("me").execute().getHistoryId();
    gmail.users().messages().insert("me", new Message().setRaw(raw("later"))).execute();
    fixture.admin("POST", "/emulator/accounts/" + ALICE + "/gmail/history/expire", Map.of());
    assertStatus(
        () -> gmail.users().history().list("me").setStartHistoryId(start).execute(),
        404,
        "notFound");
  }

  private interface Call {
    Object run() throws IOException;
  }

  private static GoogleJsonResponseException catchGoogle(Call call) {
    try {
      call.run();
    } catch (GoogleJsonResponseException e) {
      return e;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected an error answer");
  }

  private static void assertStatus(Call call, int status, String reason) {
    GoogleJsonResponseException e = catchGoogle(call);
    assertThat(e.getStatusCode()).isEqualTo(status);
    assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo(reason);
  }
}
