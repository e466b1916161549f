package theo.emulator.gmail;

import com.google.api.services.gmail.model.Draft;
import com.google.api.services.gmail.model.ListDraftsResponse;
import com.google.api.services.gmail.model.Message;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import theo.emulator.AccessGrant;
import theo.emulator.Account;
import theo.emulator.EmulatorContext;
import theo.emulator.http.GoogleErrors;
import theo.emulator.http.Request;
import theo.emulator.http.Response;

/**
 * Gmail's writing side: drafts (create, get, list, update, delete, send), messages.send, insert and
 * import. A client's {@code raw} RFC 822 message is stored as sent; sent mail gets SENT in the
 * sender's mailbox and, when a recipient is an emulator account, lands in their INBOX too.
 */
final class Outbox {
  private static final Pattern ADDRESS =
      Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

  private final EmulatorContext context;
  private final Mailboxes mailboxes;
  private final AtomicLong messageIds = new AtomicLong();

  Outbox(EmulatorContext context, Mailboxes mailboxes) {
    this.context = context;
    this.mailboxes = mailboxes;
  }

  Response createDraft(Request request, AccessGrant grant, Mailbox mailbox) {
    Message message = draftMessage(request.json(Draft.class));
    Mailbox.Draft draft = mailbox.createDraft(delivery(message, grant.account(), Set.of("DRAFT")));
    context.stats().increment("gmail.draftsCreated");
    return Response.json(view(draft));
  }

  Response updateDraft(Request request, AccessGrant grant, Mailbox mailbox) {
    Message message = draftMessage(request.json(Draft.class));
    Mailbox.Draft draft =
        mailbox.updateDraft(
            request.pathVariable("id"), delivery(message, grant.account(), Set.of("DRAFT")));
    context.stats().increment("gmail.draftsUpdated");
    return Response.json(view(draft));
  }

  Response getDraft(Request request, AccessGrant grant, Mailbox mailbox) {
    MessageViews.Format format = MessageViews.Format.parse(request.query("format").orElse("full"));
    Mailbox.Draft draft =
        mailbox.findDraft(request.pathVariable("id")).orElseThrow(Outbox::notFound);
    return Response.json(
        new Draft()
            .setId(draft.id())
            .setMessage(MessageViews.render(draft.message(), format, List.of())));
  }

  Response listDrafts(Request request, AccessGrant grant, Mailbox mailbox) {
    List<Mailbox.Draft> drafts = mailbox.drafts();
    int start = 0;
    Optional<String> token = request.query("pageToken").filter(t -> !t.isEmpty());
    if (token.isPresent()) {
      try {
        start = Integer.parseInt(token.get());
      } catch (NumberFormatException e) {
        throw GoogleErrors.apiException(400, "invalidArgument", "Invalid pageToken");
      }
    }
    int max = request.query("maxResults").map(Outbox::parseMax).orElse(100);
    int end = Math.min(drafts.size(), Math.max(0, start) + max);
    List<Draft> page = new ArrayList<>();
    for (Mailbox.Draft draft : drafts.subList(Math.min(Math.max(0, start), end), end)) {
      page.add(
          new Draft()
              .setId(draft.id())
              .setMessage(
                  MessageViews.reference(
                      draft.message().message().id(), draft.message().message().threadId(), null)));
    }
    ListDraftsResponse response =
        new ListDraftsResponse().setResultSizeEstimate((long) drafts.size());
    if (!page.isEmpty()) {
      response.setDrafts(page);
    }
    if (end < drafts.size()) {
      response.setNextPageToken(String.valueOf(end));
    }
    return Response.json(response);
  }

  Response deleteDraft(Request request, AccessGrant grant, Mailbox mailbox) {
    mailbox.deleteDraft(request.pathVariable("id"));
    context.stats().increment("gmail.draftsDeleted");
    return Response.empty(204);
  }

  /** drafts.send: the draft named by id, updated first when the body carries a new message. */
  Response sendDraft(Request request, AccessGrant grant, Mailbox mailbox) {
    Draft body = request.json(Draft.class);
    if (body.getId() == null || body.getId().isBlank()) {
      throw GoogleErrors.apiException(400, "invalidArgument", "Invalid draft");
    }
    if (body.getMessage() != null && body.getMessage().getRaw() != null) {
      mailbox.updateDraft(
          body.getId(), delivery(body.getMessage(), grant.account(), Set.of("DRAFT")));
    }
    Mailbox.Draft draft = mailbox.findDraft(body.getId()).orElseThrow(Outbox::notFound);
    requireRecipients(draft.message().message().root());
    StoredMessage.Snapshot sent = mailbox.sendDraft(body.getId());
    return Response.json(sent(sent, grant.account(), mailbox));
  }

  Response send(Request request, AccessGrant grant, Mailbox mailbox) {
    Message message = rawMessage(request);
    Mailbox.Delivery delivery = delivery(message, grant.account(), Set.of("SENT"));
    requireRecipients(delivery.root());
    return Response.json(sent(mailbox.deliver(delivery), grant.account(), mailbox));
  }

  /**
   * messages.insert and messages.import: the raw message into this mailbox only (nobody is sent
   * anything), with the labels the request names, each of which must exist.
   */
  Response insert(Request request, AccessGrant grant, Mailbox mailbox) {
    Message message = rawMessage(request);
    Set<String> labels = new LinkedHashSet<>();
    for (String label : message.getLabelIds() == null ? List.<String>of() : message.getLabelIds()) {
      labels.add(
          mailbox
              .resolveLabel(label)
              .orElseThrow(
                  () ->
                      GoogleErrors.apiException(
                          400, "invalidArgument", "Invalid label: " + label)));
    }
    StoredMessage.Snapshot stored = mailbox.deliver(delivery(message, grant.account(), labels));
    context.stats().increment("gmail.messagesInserted");
    return Response.json(
        MessageViews.reference(
            stored.message().id(), stored.message().threadId(), stored.labelIds()));
  }

  private static Message rawMessage(Request request) {
    Message message = request.json(Message.class);
    if (message.getRaw() == null || message.getRaw().isBlank()) {
      throw GoogleErrors.apiException(
          400,
          "invalidArgument",
          "'raw' RFC822 payload message string or uploading message via /upload/* URL required");
    }
    return message;
  }

  /** messages.send through the upload URL: {@code uploadType=media} or {@code multipart}. */
  Response sendUpload(Request request, AccessGrant grant, Mailbox mailbox) {
    Message message = uploaded(request);
    Mailbox.Delivery delivery = delivery(message, grant.account(), Set.of("SENT"));
    requireRecipients(delivery.root());
    return Response.json(sent(mailbox.deliver(delivery), grant.account(), mailbox));
  }

  /** drafts.create through the upload URL. */
  Response createDraftUpload(Request request, AccessGrant grant, Mailbox mailbox) {
    Message message = uploaded(request);
    Mailbox.Draft draft = mailbox.createDraft(delivery(message, grant.account(), Set.of("DRAFT")));
    context.stats().increment("gmail.draftsCreated");
    return Response.json(view(draft));
  }

  /**
   * The message of an upload: the whole body for {@code media}; for {@code multipart} a JSON part
   * (thread id, or a Draft wrapping it) and the message/rfc822 part.
   */
  private static Message uploaded(Request request) {
    String type = request.query("uploadType").orElse("");
    if (type.equals("media")) {
      return new Message().setRaw(Base64.getUrlEncoder().encodeToString(request.body()));
    }
    if (!type.equals("multipart")) {
      throw GoogleErrors.apiException(400, "badRequest", "Unsupported uploadType: " + type);
    }
    String contentType = request.header("Content-Type").orElse("");
    byte[] head =
        ("Content-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    byte[] whole = new byte[head.length + request.body().length];
    System.arraycopy(head, 0, whole, 0, head.length);
    System.arraycopy(request.body(), 0, whole, head.length, request.body().length);
    MimeNode related = MimeReader.parse(whole);
    if (related.children().size() != 2) {
      throw GoogleErrors.apiException(400, "badRequest", "Expected metadata and media parts");
    }
    String metadata =
        new String(related.children().get(0).content().bytes(), StandardCharsets.UTF_8);
    Message message = new Message();
    com.google.gson.JsonObject json;
    try {
      json =
          com.google.gson.JsonParser.parseString(metadata.isBlank() ? "{}" : metadata)
              .getAsJsonObject();
    } catch (RuntimeException e) {
      throw GoogleErrors.apiException(400, "parseError", "Invalid JSON metadata part");
    }
    com.google.gson.JsonObject inner = json.has("message") ? json.getAsJsonObject("message") : json;
    if (inner.has("threadId")) {
      message.setThreadId(inner.get("threadId").getAsString());
    }
    return message.setRaw(
        Base64.getUrlEncoder().encodeToString(related.children().get(1).content().bytes()));
  }

  /** Counts the send and hands a copy to every recipient the emulator knows. */
  private Message sent(StoredMessage.Snapshot sent, Account sender, Mailbox mailbox) {
    context.stats().increment("gmail.messagesSent");
    MimeNode root = sent.message().root();
    MimeNode withoutBcc =
        new MimeNode(
            root.headers().stream().filter(h -> !h.name().equalsIgnoreCase("Bcc")).toList(),
            root.mimeType(),
            root.filename(),
            root.content(),
            root.children());
    StoredMessage.Snapshot result = sent;
    for (String address : recipients(root)) {
      Optional<Account> recipient = context.accounts().find(address);
      if (recipient.isEmpty()) {
        continue;
      }
      if (recipient.get().email().equalsIgnoreCase(sender.email())) {
        result = mailbox.modify(sent.message().id(), Set.of("INBOX", "UNREAD"), Set.of());
        continue;
      }
      mailboxes
          .of(recipient.get())
          .deliver(
              new Mailbox.Delivery(
                  withoutBcc,
                  null,
                  context.clock().millis(),
                  Set.of("INBOX", "UNREAD"),
                  sent.message().snippet(),
                  sent.message().sizeEstimate()));
      context.stats().increment("gmail.messagesDelivered");
    }
    return MessageViews.reference(
        result.message().id(), result.message().threadId(), result.labelIds());
  }

  private static Message draftMessage(Draft draft) {
    if (draft.getMessage() == null || draft.getMessage().getRaw() == null) {
      throw GoogleErrors.apiException(400, "invalidArgument", "Missing draft message");
    }
    return draft.getMessage();
  }

  /** The stored form of a client's raw message, with the headers Gmail adds when missing. */
  Mailbox.Delivery delivery(Message message, Account sender, Set<String> labels) {
    byte[] raw = decodeRaw(message.getRaw());
    MimeNode parsed = MimeReader.parse(raw);
    List<MimeNode.Header> added = new ArrayList<>();
    if (parsed.header("From").isEmpty()) {
      added.add(new MimeNode.Header("From", sender.email()));
    }
    if (parsed.header("Date").isEmpty()) {
      added.add(
          new MimeNode.Header(
              "Date",
              DateTimeFormatter.RFC_1123_DATE_TIME.format(
                  ZonedDateTime.ofInstant(context.clock().instant(), ZoneOffset.UTC))));
    }
    if (parsed.header("Message-ID").isEmpty()) {
      added.add(
          new MimeNode.Header(
              "Message-ID",
              "<"
                  + Long.toHexString(context.clock().millis())
                  + "."
                  + messageIds.incrementAndGet()
                  + "@mail.emulator.local>"));
    }
    MimeNode root = added.isEmpty() ? parsed : parsed.withLeadingHeaders(added);
    return new Mailbox.Delivery(
        root,
        message.getThreadId(),
        context.clock().millis(),
        labels,
        MailGenerator.snippet(plainText(root)),
        raw.length);
  }

  private static byte[] decodeRaw(String raw) {
    String urlSafe = raw.trim().replace('+', '-').replace('/', '_').replace("=", "");
    try {
      return Base64.getUrlDecoder().decode(urlSafe);
    } catch (IllegalArgumentException e) {
      throw GoogleErrors.apiException(
          400, "invalidArgument", "Invalid value for ByteString: " + abbreviate(raw));
    }
  }

  private static String abbreviate(String value) {
    return value.length() > 20 ? value.substring(0, 20) + "..." : value;
  }

  private static String plainText(MimeNode node) {
    if (node.isMultipart()) {
      for (MimeNode child : node.children()) {
        String text = plainText(child);
        if (!text.isEmpty()) {
          return text;
        }
      }
      return "";
    }
    if (node.mimeType().equals("text/plain") && !node.isAttachment()) {
      return new String(node.content().bytes(), StandardCharsets.UTF_8);
    }
    return "";
  }

  private static void requireRecipients(MimeNode root) {
    if (recipients(root).isEmpty()) {
      throw GoogleErrors.apiException(400, "invalidArgument", "Recipient address required");
    }
  }

  static Set<String> recipients(MimeNode root) {
    Set<String> addresses = new LinkedHashSet<>();
    for (String header : List.of("To", "Cc", "Bcc")) {
      for (MimeNode.Header h : root.headers()) {
        if (h.name().equalsIgnoreCase(header)) {
          Matcher matcher = ADDRESS.matcher(h.value());
          while (matcher.find()) {
            addresses.add(matcher.group().toLowerCase(Locale.ROOT));
          }
        }
      }
    }
    return addresses;
  }

  private static Draft view(Mailbox.Draft draft) {
    StoredMessage.Snapshot message = draft.message();
    return new Draft()
        .setId(draft.id())
        .setMessage(
            MessageViews.reference(
                message.message().id(), message.message().threadId(), message.labelIds()));
  }

  private static int parseMax(String value) {
    try {
      return (int) Math.max(1, Math.min(500, Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid value for maxResults: " + value);
    }
  }

  private static RuntimeException notFound() {
    return GoogleErrors.apiException(404, "notFound", "Requested entity was not found.");
  }
}
