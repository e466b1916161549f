package theo.emulator.gmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.ByteArrayContent;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.Draft;
import com.google.api.services.gmail.model.History;
import com.google.api.services.gmail.model.ListDraftsResponse;
import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Message;
import com.google.api.services.gmail.model.MessagePart;
import com.google.api.services.gmail.model.MessagePartHeader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import theo.emulator.EmulatorFixture;

class GmailOutboxTests {
  private static final String ALICE = "alice@example.com";
  private static final String BOB = "bob@example.com";
  private static final String COMPOSE = "https://www.googleapis.com/auth/gmail.compose";
  private static final String SEND = "https://www.googleapis.com/auth/gmail.send";

  private EmulatorFixture fixture;
  private Gmail alice;
  private Gmail bob;

  @BeforeEach
  void start() {
    fixture = new EmulatorFixture();
    alice = fixture.gmail(fixture.token(ALICE, COMPOSE, EmulatorFixture.GMAIL_READONLY));
    bob = fixture.gmail(fixture.token(BOB, EmulatorFixture.GMAIL_READONLY));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private static String raw(String headers, String body) {
    String message = headers.replace("\n", "\r\n") + "\r\n\r\n" + body.replace("\n", "\r\n");
    return Base64.getUrlEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8));
  }

  private static Message message(String to, String subject, String body) {
    return new Message()
        .setRaw(
            raw(
                "To: " + to + "\nSubject: " + subject + "\nContent-Type: text/plain; charset=UTF-8",
                body));
  }

  private static String header(MessagePart payload, String name) {
    return payload.getHeaders().stream()
        .filter(h -> h.getName().equalsIgnoreCase(name))
        .map(MessagePartHeader::getValue)
        .findFirst()
        .orElse(null);
  }

  private List<Message> inbox(Gmail gmail, String label) throws IOException {
    ListMessagesResponse list =
        gmail.users().messages().list("me").setLabelIds(List.of(label)).execute();
    return list.getMessages() == null ? List.of() : list.getMessages();
  }

  @Test
  void draftsWhenCreatedUpdatedListedAndDeletedThenGmailAnswersLikeGoogle() throws IOException {
    Draft created =
        alice
            .users()
            .drafts()
            .create("me", new Draft().setMessage(message(BOB, "Lunch?", "Tomorrow at noon")))
            .execute();
    assertThat(created.getId()).startsWith("r");
    assertThat(created.getMessage().getLabelIds()).containsExactly("DRAFT");

    Draft fetched = alice.users().drafts().get("me", created.getId()).execute();
    assertThat(header(fetched.getMessage().getPayload(), "Subject")).isEqualTo("Lunch?");
    assertThat(header(fetched.getMessage().getPayload(), "From")).isEqualTo(ALICE);
    assertThat(fetched.getMessage().getSnippet()).isEqualTo("Tomorrow at noon");

    Draft updated =
        alice
            .users()
            .drafts()
            .update(
                "me",
                created.getId(),
                new Draft().setMessage(message(BOB, "Lunch on Friday?", "Friday instead")))
            .execute();
    assertThat(updated.getId()).isEqualTo(created.getId());
    assertThat(updated.getMessage().getId()).isNotEqualTo(created.getMessage().getId());
    ListDraftsResponse list = alice.users().drafts().list("me").execute();
    assertThat(list.getDrafts()).extracting(Draft::getId).containsExactly(created.getId());
    assertThat(
            header(
                alice
                    .users()
                    .drafts()
                    .get("me", created.getId())
                    .execute()
                    .getMessage()
                    .getPayload(),
                "Subject"))
        .isEqualTo("Lunch on Friday?");
    assertThat(inbox(alice, "DRAFT")).hasSize(1);

    alice.users().drafts().delete("me", created.getId()).execute();
    assertThatThrownBy(() -> alice.users().drafts().get("me", created.getId()).execute())
        .isInstanceOfSatisfying(
            GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    assertThat(alice.users().drafts().list("me").execute().getDrafts()).isNull();
    assertThat(inbox(alice, "DRAFT")).isEmpty();
    assertThat(fixture.emulator().stats().get("gmail.draftsCreated")).isEqualTo(1);
    assertThat(inbox(bob, "INBOX")).isEmpty();
  }

  @Test
  void sendDraftWhenRecipientIsAnEmulatorAccountThenSentForSenderAndInboxForRecipient()
      throws IOException {
    BigInteger bobStart = bob.users().getProfile("me").execute().getHistoryId();
    Draft draft =
        alice
            .users()
            .drafts()
            .create("me", new Draft().setMessage(message("Bob <" + BOB + ">", "Hi", "Hello Bob")))
            .execute();

    Message sent = alice.users().drafts().send("me", new Draft().setId(draft.getId())).execute();

    assertThat(sent.getLabelIds()).contains("SENT").doesNotContain("DRAFT");
    assertThat(alice.users().drafts().list("me").execute().getDrafts()).isNull();
    assertThat(inbox(alice, "SENT")).extracting(Message::getId).containsExactly(sent.getId());
    List<Message> bobInbox = inbox(bob, "INBOX");
    assertThat(bobInbox).hasSize(1);
    Message received = bob.users().messages().get("me", bobInbox.get(0).getId()).execute();
    assertThat(header(received.getPayload(), "Subject")).isEqualTo("Hi");
    assertThat(received.getLabelIds()).contains("UNREAD");
    List<History> history =
        bob.users().history().list("me").setStartHistoryId(bobStart).execute().getHistory();
    assertThat(history).hasSize(1);
    assertThat(history.get(0).getMessagesAdded()).hasSize(1);
    assertThat(fixture.emulator().stats().get("gmail.messagesSent")).isEqualTo(1);
    assertThatThrownBy(
            () -> alice.users().drafts().send("me", new Draft().setId(draft.getId())).execute())
        .isInstanceOfSatisfying(
            GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    assertThat(fixture.emulator().stats().get("gmail.messagesSent")).isEqualTo(1);
  }

  @Test
  void sendWhenMultipartWithUtf8SubjectAndBccThenRecipientSeesDecodedMailWithoutBcc()
      throws IOException {
    Gmail sender = fixture.gmail(fixture.token(ALICE, SEND, EmulatorFixture.GMAIL_READONLY));
    String subject =
        "=?UTF-8?B?"
            + Base64.getEncoder().encodeToString("Café ☕".getBytes(StandardCharsets.UTF_8))
            + "?=";
    String raw =
        raw(
            "From: Alice <"
                + ALICE
                + ">\nTo: carol@example.net\nBcc: "
                + BOB
                + "\nSubject: "
                + subject
                + "\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"b1\"",
            "--b1\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding:"
                + " quoted-printable\n\nCaf=C3=A9 at 10\n--b1\nContent-Type: text/html;"
                + " charset=UTF-8\n\n<p>Caf\u00e9 at 10</p>\n--b1--\n");

    Message sent = sender.users().messages().send("me", new Message().setRaw(raw)).execute();

    assertThat(sent.getLabelIds()).containsExactly("SENT");
    Message received =
        bob.users().messages().get("me", inbox(bob, "INBOX").get(0).getId()).execute();
    assertThat(header(received.getPayload(), "Subject")).isEqualTo("Café ☕");
    assertThat(header(received.getPayload(), "Bcc")).isNull();
    assertThat(received.getSnippet()).isEqualTo("Café at 10");
    assertThat(received.getPayload().getParts()).hasSize(2);
    String html =
        new String(
            Base64.getUrlDecoder()
                .decode(received.getPayload().getParts().get(1).getBody().getData()),
            StandardCharsets.UTF_8);
    assertThat(html).contains("<p>Café at 10</p>");
  }

  @Test
  void sendWhenUploadedDirectlyThenStored() throws IOException {
    byte[] raw =
        "To: bob@example.com\r\nSubject: Uploaded\r\n\r\nBody\r\n".getBytes(StandardCharsets.UTF_8);
    Gmail.Users.Messages.Send send =
        alice
            .users()
            .messages()
            .send("me", new Message(), new ByteArrayContent("message/rfc822", raw));
    send.getMediaHttpUploader().setDirectUploadEnabled(true);

    Message sent = send.execute();

    assertThat(sent.getLabelIds()).contains("SENT");
    Message received =
        bob.users().messages().get("me", inbox(bob, "INBOX").get(0).getId()).execute();
    assertThat(header(received.getPayload(), "Subject")).isEqualTo("Uploaded");
  }

  @Test
  void sendWhenNoRecipientOrReadOnlyScopeThenRefused() {
    assertThatThrownBy(
            () ->
                alice
                    .users()
                    .messages()
                    .send("me", new Message().setRaw(raw("Subject: nobody", "x")))
                    .execute())
        .isInstanceOfSatisfying(
            GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
    assertThatThrownBy(
            () ->
                bob.users()
                    .drafts()
                    .create("me", new Draft().setMessage(message(ALICE, "x", "y")))
                    .execute())
        .isInstanceOfSatisfying(
            GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(403));
    assertThat(fixture.emulator().stats().get("gmail.messagesSent")).isZero();
  }

  @Test
  void sendWhenUnitsRunOutThenEachSendCostsOneHundred() throws IOException {
    fixture.emulator().context().quotas().find("gmail").orElseThrow().setLimits(250, 1_000_000);

    alice.users().messages().send("me", message(BOB, "1", "one")).execute();
    alice.users().messages().send("me", message(BOB, "2", "two")).execute();

    assertThatThrownBy(
            () -> alice.users().messages().send("me", message(BOB, "3", "three")).execute())
        .isInstanceOfSatisfying(
            GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(429));
    assertThat(fixture.emulator().stats().get("gmail.messagesSent")).isEqualTo(2);
  }

  /** A reply built by Jakarta Mail, as a client library would write it. */
  private static String jakartaReply() throws Exception {
    jakarta.mail.internet.MimeMessage reply =
        new jakarta.mail.internet.MimeMessage(
            jakarta.mail.Session.getInstance(new java.util.Properties()));
    reply.setFrom(
        new jakarta.mail.internet.InternetAddress("zoe@example.net", "Zoë Čapek", "UTF-8"));
    reply.setRecipients(jakarta.mail.Message.RecipientType.TO, ALICE);
    reply.setSubject("Re: Grüße aus Köln — 東京", "UTF-8");
    reply.setHeader("In-Reply-To", "<first@mail.example.net>");
    reply.setHeader("References", "<root@mail.example.net> <first@mail.example.net>");
    jakarta.mail.internet.MimeBodyPart plain = new jakarta.mail.internet.MimeBodyPart();
    plain.setText("Schöne Grüße\nzurück", "UTF-8");
    jakarta.mail.internet.MimeBodyPart html = new jakarta.mail.internet.MimeBodyPart();
    html.setText("<p>Schöne Grüße</p>", "UTF-8", "html");
    reply.setContent(new jakarta.mail.internet.MimeMultipart("alternative", plain, html));
    reply.saveChanges();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    reply.writeTo(out);
    return Base64.getUrlEncoder().encodeToString(out.toByteArray());
  }

  @Test
  void insertWhenAJakartaMailReplyThenNonAsciiHeadersAlternativesAndThreadingHeadersRoundTrip()
      throws Exception {
    Gmail inserter =
        fixture.gmail(
            fixture.token(
                ALICE,
                "https://www.googleapis.com/auth/gmail.insert",
                EmulatorFixture.GMAIL_READONLY));
    Message inserted =
        inserter
            .users()
            .messages()
            .insert("me", new Message().setRaw(jakartaReply()).setLabelIds(List.of("INBOX")))
            .execute();
    assertThat(inserted.getLabelIds()).containsExactly("INBOX");

    Message full = inserter.users().messages().get("me", inserted.getId()).execute();
    MessagePart payload = full.getPayload();
    assertThat(header(payload, "Subject")).isEqualTo("Re: Grüße aus Köln — 東京");
    assertThat(header(payload, "From")).isEqualTo("Zoë Čapek <zoe@example.net>");
    assertThat(header(payload, "In-Reply-To")).isEqualTo("<first@mail.example.net>");
    assertThat(header(payload, "References"))
        .isEqualTo("<root@mail.example.net> <first@mail.example.net>");
    assertThat(payload.getMimeType()).isEqualTo("multipart/alternative");
    assertThat(payload.getParts())
        .extracting(MessagePart::getMimeType)
        .containsExactly("text/plain", "text/html");
    assertThat(new String(payload.getParts().get(0).getBody().decodeData(), StandardCharsets.UTF_8))
        .isEqualTo("Schöne Grüße\r\nzurück");
    assertThat(new String(payload.getParts().get(1).getBody().decodeData(), StandardCharsets.UTF_8))
        .isEqualTo("<p>Schöne Grüße</p>");
    assertThat(full.getSnippet()).startsWith("Schöne Grüße");

    byte[] raw =
        inserter
            .users()
            .messages()
            .get("me", inserted.getId())
            .setFormat("raw")
            .execute()
            .decodeRaw();
    jakarta.mail.internet.MimeMessage reread =
        new jakarta.mail.internet.MimeMessage(
            jakarta.mail.Session.getInstance(new java.util.Properties()),
            new java.io.ByteArrayInputStream(raw));
    assertThat(reread.getSubject()).isEqualTo("Re: Grüße aus Köln — 東京");
    assertThat(reread.getHeader("References", " "))
        .isEqualTo("<root@mail.example.net> <first@mail.example.net>");
  }

  @Test
  void importWhenALabelDoesNotExistThenBadRequestAndNothingStored() throws Exception {
    Gmail importer =
        fixture.gmail(
            fixture.token(
                ALICE,
                "https://www.googleapis.com/auth/gmail.insert",
                EmulatorFixture.GMAIL_READONLY));
    Message message = new Message().setRaw(jakartaReply()).setLabelIds(List.of("NO_SUCH_LABEL"));
    assertThatThrownBy(() -> importer.users().messages().gmailImport("me", message).execute())
        .isInstanceOfSatisfying(
            GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
    assertThat(inbox(importer, "INBOX")).isEmpty();

    Message imported =
        importer
            .users()
            .messages()
            .gmailImport("me", message.setLabelIds(List.of("INBOX", "UNREAD")))
            .execute();
    assertThat(inbox(importer, "INBOX"))
        .extracting(Message::getId)
        .containsExactly(imported.getId());
  }
}
