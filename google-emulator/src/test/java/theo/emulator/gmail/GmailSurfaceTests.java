package theo.emulator.gmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.History;
import com.google.api.services.gmail.model.Label;
import com.google.api.services.gmail.model.ListHistoryResponse;
import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Message;
import com.google.api.services.gmail.model.MessagePart;
import com.google.api.services.gmail.model.MessagePartBody;
import com.google.api.services.gmail.model.MessagePartHeader;
import com.google.api.services.gmail.model.Profile;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import theo.emulator.EmulatorFixture;

class GmailSurfaceTests {
  private static final String ALICE = "alice@example.com";

  private EmulatorFixture fixture;
  private Gmail gmail;

  @BeforeEach
  void start() {
    fixture = new EmulatorFixture();
    gmail = fixture.gmail(fixture.token(ALICE, EmulatorFixture.GMAIL_READONLY));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private void generate(int count, long seed) {
    EmulatorFixture.Answer answer =
        fixture.admin(
            "POST",
            "/emulator/accounts/" + ALICE + "/gmail/generate",
            Map.of("count", count, "seed", seed));
    assertThat(answer.status()).isEqualTo(200);
  }

  private void unlimitedQuota() {
    fixture
        .emulator()
        .context()
        .quotas()
        .find("gmail")
        .orElseThrow()
        .setLimits(10_000_000, 10_000_000);
  }

  private List<Message> listAll(String q, boolean includeSpamTrash) throws IOException {
    List<Message> all = new ArrayList<>();
    String pageToken = null;
    do {
      ListMessagesResponse page =
          gmail
              .users()
              .messages()
              .list("me")
              .setMaxResults(500L)
              .setQ(q)
              .setIncludeSpamTrash(includeSpamTrash)
              .setPageToken(pageToken)
              .execute();
      if (page.getMessages() != null) {
        all.addAll(page.getMessages());
      }
      pageToken = page.getNextPageToken();
    } while (pageToken != null);
    return all;
  }

  @Test
  void listWhenPagingThroughEveryPageThenAllGeneratedMessagesAreListedAndGettableInBatches()
      throws IOException {
    unlimitedQuota();
    generate(1200, 7);

    List<Message> listed = listAll(null, true);
    assertThat(listed).hasSize(1200);
    assertThat(listed.stream().map(Message::getId).distinct()).hasSize(1200);

    Map<String, Message> fetched = new ConcurrentHashMap<>();
    for (int from = 0; from < listed.size(); from += 100) {
      BatchRequest batch = gmail.batch();
      for (Message message : listed.subList(from, Math.min(listed.size(), from + 100))) {
        gmail
            .users()
            .messages()
            .get("me", message.getId())
            .setFormat("minimal")
            .queue(batch, collect(fetched));
      }
      batch.execute();
    }
    assertThat(fetched).hasSize(1200);
    Profile profile = gmail.users().getProfile("me").execute();
    assertThat(profile.getMessagesTotal()).isEqualTo(1200);
    assertThat(profile.getEmailAddress()).isEqualTo(ALICE);
    assertThat(profile.getThreadsTotal()).isLessThan(1200).isGreaterThan(300);
  }

  private static JsonBatchCallback<Message> collect(Map<String, Message> into) {
    return new JsonBatchCallback<>() {
      @Override
      public void onSuccess(Message message, HttpHeaders headers) {
        into.put(message.getId(), message);
      }

      @Override
      public void onFailure(GoogleJsonError error, HttpHeaders headers) {
        throw new AssertionError("batch part failed: " + error);
      }
    };
  }

  @Test
  void listWhenDefaultsThenNewestFirstWithoutSpamOrTrashAndAtMostOneHundred() throws IOException {
    generate(400, 3);
    ListMessagesResponse page = gmail.users().messages().list("me").execute();
    assertThat(page.getMessages()).hasSize(100);
    assertThat(page.getNextPageToken()).isNotNull();
    List<Long> dates = new ArrayList<>();
    for (Message reference : page.getMessages().subList(0, 10)) {
      Message message =
          gmail.users().messages().get("me", reference.getId()).setFormat("minimal").execute();
      assertThat(message.getLabelIds()).doesNotContain("SPAM", "TRASH");
      dates.add(message.getInternalDate());
    }
    assertThat(dates).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    Map<String, Object> summary =
        fixture.admin("GET", "/emulator/accounts/" + ALICE + "/gmail/summary", null).json();
    @SuppressWarnings("unchecked")
    Map<String, Double> labels = (Map<String, Double>) summary.get("labels");
    long spamOrTrash = 0;
    unlimitedQuota();
    for (Message reference : listAll("in:anywhere", false)) {
      Message message =
          gmail.users().messages().get("me", reference.getId()).setFormat("minimal").execute();
      if (message.getLabelIds().contains("SPAM") || message.getLabelIds().contains("TRASH")) {
        spamOrTrash++;
      }
    }
    assertThat(spamOrTrash).isPositive();
    assertThat(listAll(null, false)).hasSize(400 - (int) spamOrTrash);
    assertThat(page.getResultSizeEstimate()).isEqualTo(400 - spamOrTrash);
    assertThat(labels.get("INBOX")).isPositive();
  }

  @Test
  void listWhenLabelIdsGivenThenMessagesHaveAllOfThem() throws IOException {
    generate(300, 11);
    ListMessagesResponse page =
        gmail
            .users()
            .messages()
            .list("me")
            .setLabelIds(List.of("INBOX", "UNREAD"))
            .setMaxResults(20L)
            .execute();
    assertThat(page.getMessages()).isNotEmpty();
    for (Message reference : page.getMessages()) {
      Message message =
          gmail.users().messages().get("me", reference.getId()).setFormat("minimal").execute();
      assertThat(message.getLabelIds()).contains("INBOX", "UNREAD");
    }
  }

  @Test
  void listWhenSearchQueryThenOnlyMatchingMessages() throws IOException {
    unlimitedQuota();
    generate(500, 5);
    List<Message> all = new ArrayList<>();
    for (Message reference : listAll("in:anywhere", false)) {
      all.add(
          gmail.users().messages().get("me", reference.getId()).setFormat("metadata").execute());
    }
    LocalDate cut =
        Instant.ofEpochMilli(all.get(all.size() / 2).getInternalDate())
            .atZone(ZoneOffset.UTC)
            .toLocalDate();
    long cutMillis = cut.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    String date = cut.toString().replace('-', '/');
    String work = workLabel();

    assertThat(ids(listAll("after:" + date, true)))
        .isEqualTo(ids(all, m -> m.getInternalDate() >= cutMillis));
    assertThat(ids(listAll("before:" + (cutMillis / 1000), true)))
        .isEqualTo(ids(all, m -> m.getInternalDate() < cutMillis));
    assertThat(ids(listAll("in:sent", false)))
        .isEqualTo(ids(all, m -> m.getLabelIds().contains("SENT") && notSpamOrTrash(m)));
    assertThat(ids(listAll("label:work", false)))
        .isNotEmpty()
        .isEqualTo(ids(all, m -> m.getLabelIds().contains(work) && notSpamOrTrash(m)));
    assertThat(ids(listAll("in:inbox -label:unread", false)))
        .isEqualTo(
            ids(
                all,
                m ->
                    m.getLabelIds().contains("INBOX")
                        && !m.getLabelIds().contains("UNREAD")
                        && notSpamOrTrash(m)));
    assertThat(ids(listAll("in:trash", false)))
        .isNotEmpty()
        .isEqualTo(ids(all, m -> m.getLabelIds().contains("TRASH")));
    String from = header(all.get(0), "From");
    String address =
        from.contains("<") ? from.substring(from.indexOf('<') + 1, from.indexOf('>')) : from;
    assertThat(ids(listAll("from:" + address, true)))
        .contains(all.get(0).getId())
        .isEqualTo(ids(all, m -> header(m, "From").contains(address)));
    assertThat(ids(listAll("subject:\"design review\"", true)))
        .isEqualTo(ids(all, m -> header(m, "Subject").toLowerCase().contains("design review")));
  }

  private String workLabel() throws IOException {
    return gmail.users().labels().list("me").execute().getLabels().stream()
        .filter(label -> label.getName().equals("Work"))
        .map(Label::getId)
        .findFirst()
        .orElseThrow();
  }

  private static boolean notSpamOrTrash(Message message) {
    return !message.getLabelIds().contains("SPAM") && !message.getLabelIds().contains("TRASH");
  }

  private static Set<String> ids(List<Message> messages) {
    Set<String> ids = new HashSet<>();
    messages.forEach(message -> ids.add(message.getId()));
    return ids;
  }

  private static Set<String> ids(
      List<Message> messages, java.util.function.Predicate<Message> filter) {
    return ids(messages.stream().filter(filter).toList());
  }

  private static String header(Message message, String name) {
    return message.getPayload().getHeaders().stream()
        .filter(header -> header.getName().equalsIgnoreCase(name))
        .map(MessagePartHeader::getValue)
        .findFirst()
        .orElse("");
  }

  @Test
  void getWhenMetadataFormatWithHeadersThenOnlyThoseHeadersAndNoBody() throws IOException {
    generate(20, 1);
    String id = gmail.users().messages().list("me").execute().getMessages().get(0).getId();
    Message message =
        gmail
            .users()
            .messages()
            .get("me", id)
            .setFormat("metadata")
            .setMetadataHeaders(List.of("Subject", "from"))
            .execute();
    assertThat(message.getPayload().getHeaders())
        .extracting(MessagePartHeader::getName)
        .containsExactlyInAnyOrder("Subject", "From");
    assertThat(message.getPayload().getParts()).isNull();
    assertThat(message.getPayload().getBody()).isNull();
    assertThat(message.getRaw()).isNull();
    assertThat(message.getSnippet()).isNotBlank();
    assertThat(message.getHistoryId()).isPositive();
  }

  @Test
  void getWhenRawFormatThenBytesDecodeToTheSameMessageAsFullFormat() throws IOException {
    unlimitedQuota();
    generate(300, 21);
    int checked = 0;
    int encodedSubjects = 0;
    for (Message reference : listAll(null, true)) {
      Message full =
          gmail.users().messages().get("me", reference.getId()).setFormat("full").execute();
      Message raw =
          gmail.users().messages().get("me", reference.getId()).setFormat("raw").execute();
      assertThat(raw.getPayload()).isNull();
      String rfc822 = new String(raw.decodeRaw(), StandardCharsets.UTF_8);
      int headerEnd = rfc822.indexOf("\r\n\r\n");
      assertThat(headerEnd).isPositive();
      Map<String, String> headers = parseHeaders(rfc822.substring(0, headerEnd));
      for (String name : List.of("Subject", "From", "To", "Message-ID", "Date")) {
        assertThat(decodeWords(headers.get(name.toLowerCase()))).isEqualTo(header(full, name));
      }
      if (headers.get("subject").contains("=?UTF-8?B?")) {
        encodedSubjects++;
      }
      MessagePart text = findPart(full.getPayload(), "text/plain");
      if (text != null && "7bit".equals(partHeader(text, "Content-Transfer-Encoding"))) {
        assertThat(rfc822)
            .contains(new String(text.getBody().decodeData(), StandardCharsets.UTF_8));
      }
      assertThat(raw.getSizeEstimate()).isPositive();
      if (++checked == 80) {
        break;
      }
    }
    assertThat(encodedSubjects).isPositive();
  }

  private static Map<String, String> parseHeaders(String block) {
    Map<String, String> headers = new java.util.HashMap<>();
    for (String line : block.replace("\r\n ", " ").split("\r\n")) {
      int colon = line.indexOf(':');
      headers.putIfAbsent(line.substring(0, colon).toLowerCase(), line.substring(colon + 2));
    }
    return headers;
  }

  /** Decodes RFC 2047 B-words, joining adjacent words as RFC 2047 says. */
  private static String decodeWords(String value) {
    Matcher matcher = Pattern.compile("=\\?UTF-8\\?B\\?([^?]*)\\?=(\\s+(?==\\?))?").matcher(value);
    StringBuilder result = new StringBuilder();
    java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
    int last = 0;
    while (matcher.find()) {
      result.append(value, last, matcher.start());
      pending.writeBytes(Base64.getDecoder().decode(matcher.group(1)));
      last = matcher.end();
      if (matcher.group(2) == null) {
        result.append(pending.toString(StandardCharsets.UTF_8));
        pending.reset();
      }
    }
    result.append(pending.toString(StandardCharsets.UTF_8));
    return result.append(value.substring(last)).toString();
  }

  private static MessagePart findPart(MessagePart part, String mimeType) {
    if (mimeType.equals(part.getMimeType())) {
      return part;
    }
    if (part.getParts() != null) {
      for (MessagePart child : part.getParts()) {
        MessagePart found = findPart(child, mimeType);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static String partHeader(MessagePart part, String name) {
    return part.getHeaders().stream()
        .filter(header -> header.getName().equalsIgnoreCase(name))
        .map(MessagePartHeader::getValue)
        .findFirst()
        .orElse(null);
  }

  @Test
  void getWhenDeliveredNonAsciiMailThenRawUsesEncodedWordsAndQuotedPrintable() throws IOException {
    Map<String, Object> delivered =
        fixture
            .admin(
                "POST",
                "/emulator/accounts/" + ALICE + "/gmail/messages",
                Map.of(
                    "from",
                    "Zoë Müller <zoe@example.org>",
                    "subject",
                    "Grüße aus Zürich",
                    "body",
                    "Liebe Grüße\nZoë"))
            .json();
    String id = (String) delivered.get("id");
    String raw =
        new String(
            gmail.users().messages().get("me", id).setFormat("raw").execute().decodeRaw(),
            StandardCharsets.US_ASCII);
    assertThat(raw)
        .contains("Subject: =?UTF-8?B?")
        .contains(" <zoe@example.org>")
        .contains("Content-Transfer-Encoding: quoted-printable")
        .contains("Liebe Gr=C3=BC=C3=9Fe\r\nZo=C3=AB");
    assertThat(decodeWords(parseHeaders(raw.substring(0, raw.indexOf("\r\n\r\n"))).get("from")))
        .isEqualTo("Zoë Müller <zoe@example.org>");
    Message full = gmail.users().messages().get("me", id).execute();
    assertThat(header(full, "Subject")).isEqualTo("Grüße aus Zürich");
    assertThat(new String(full.getPayload().getBody().decodeData(), StandardCharsets.UTF_8))
        .isEqualTo("Liebe Grüße\r\nZoë");
    assertThat(full.getSnippet()).isEqualTo("Liebe Grüße Zoë");
  }

  @Test
  void attachmentsGetWhenFullFormatNamesAnAttachmentThenItsBytesAreReturned() throws IOException {
    unlimitedQuota();
    generate(200, 9);
    List<Message> withAttachments = listAll("has:attachment", true);
    assertThat(withAttachments).isNotEmpty();
    for (Message reference : withAttachments.subList(0, Math.min(5, withAttachments.size()))) {
      Message full = gmail.users().messages().get("me", reference.getId()).execute();
      assertThat(full.getPayload().getMimeType()).isEqualTo("multipart/mixed");
      MessagePart attachment =
          full.getPayload().getParts().stream()
              .filter(part -> !part.getFilename().isEmpty())
              .findFirst()
              .orElseThrow();
      assertThat(attachment.getBody().getData()).isNull();
      MessagePartBody body =
          gmail
              .users()
              .messages()
              .attachments()
              .get("me", full.getId(), attachment.getBody().getAttachmentId())
              .execute();
      byte[] bytes = body.decodeData();
      assertThat(bytes).hasSize(attachment.getBody().getSize());
      if (attachment.getMimeType().equals("application/pdf")) {
        assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
      } else {
        assertThat(bytes[1]).isEqualTo((byte) 'P');
      }
    }
  }

  @Test
  void threadsGetWhenThreadHasRepliesThenMessagesAreOldestFirstWithReplyHeaders()
      throws IOException {
    unlimitedQuota();
    generate(300, 13);
    List<Message> replies = listAll("subject:Re:", true);
    assertThat(replies).isNotEmpty();
    com.google.api.services.gmail.model.Thread thread =
        gmail
            .users()
            .threads()
            .get("me", replies.get(0).getThreadId())
            .setFormat("metadata")
            .execute();
    assertThat(thread.getMessages().size()).isGreaterThan(1);
    assertThat(thread.getMessages()).extracting(Message::getInternalDate).isSorted();
    Message first = thread.getMessages().get(0);
    Message second = thread.getMessages().get(1);
    assertThat(header(second, "Subject")).isEqualTo("Re: " + header(first, "Subject"));
    assertThat(header(second, "In-Reply-To")).isEqualTo(header(first, "Message-ID"));
    assertThat(header(second, "References")).contains(header(first, "Message-ID"));
  }

  @Test
  void threadsListWhenPagingThenEveryThreadOnceMatchingTheProfile() throws IOException {
    generate(300, 17);
    Set<String> threads = new HashSet<>();
    String pageToken = null;
    do {
      var page =
          gmail
              .users()
              .threads()
              .list("me")
              .setIncludeSpamTrash(true)
              .setMaxResults(40L)
              .setPageToken(pageToken)
              .execute();
      page.getThreads().forEach(thread -> assertThat(threads.add(thread.getId())).isTrue());
      assertThat(page.getThreads())
          .allSatisfy(thread -> assertThat(thread.getSnippet()).isNotBlank());
      pageToken = page.getNextPageToken();
    } while (pageToken != null);
    assertThat(threads).hasSize(gmail.users().getProfile("me").execute().getThreadsTotal());
  }

  @Test
  void labelsListWhenGeneratedThenSystemAndUserLabels() throws IOException {
    generate(10, 1);
    List<Label> labels = gmail.users().labels().list("me").execute().getLabels();
    assertThat(labels)
        .filteredOn(label -> "system".equals(label.getType()))
        .extracting(Label::getId)
        .contains(
            "INBOX",
            "SENT",
            "DRAFT",
            "SPAM",
            "TRASH",
            "UNREAD",
            "STARRED",
            "IMPORTANT",
            "CATEGORY_PROMOTIONS");
    assertThat(labels)
        .filteredOn(label -> "user".equals(label.getType()))
        .extracting(Label::getName)
        .contains("Work", "Receipts");
  }

  @Test
  void historyListWhenDeliverModifyDeleteThenRecordsDescribeEachChange() throws IOException {
    generate(50, 2);
    BigInteger start = gmail.users().getProfile("me").execute().getHistoryId();
    Map<String, Object> delivered =
        fixture
            .admin(
                "POST",
                "/emulator/accounts/" + ALICE + "/gmail/messages",
                Map.of(
                    "from",
                    "Zoë <zoe@example.org>",
                    "to",
                    ALICE,
                    "subject",
                    "Hallo Wörld",
                    "body",
                    "Grüße"))
            .json();
    String id = (String) delivered.get("id");
    assertThat(
            fixture
                .admin(
                    "POST",
                    "/emulator/accounts/" + ALICE + "/gmail/messages/" + id + "/modify",
                    Map.of("addLabelIds", List.of("STARRED"), "removeLabelIds", List.of("UNREAD")))
                .status())
        .isEqualTo(200);
    Map<String, Object> reply =
        fixture
            .admin(
                "POST",
                "/emulator/accounts/" + ALICE + "/gmail/messages",
                Map.of(
                    "from",
                    "zoe@example.org",
                    "subject",
                    "Re: Hallo Wörld",
                    "body",
                    "more",
                    "threadId",
                    delivered.get("threadId")))
            .json();
    assertThat(reply.get("threadId")).isEqualTo(delivered.get("threadId"));
    assertThat(
            fixture
                .admin("DELETE", "/emulator/accounts/" + ALICE + "/gmail/messages/" + id, null)
                .status())
        .isEqualTo(200);

    ListHistoryResponse history =
        gmail.users().history().list("me").setStartHistoryId(start).execute();
    List<History> records = history.getHistory();
    assertThat(records).hasSize(4);
    assertThat(records.get(0).getMessagesAdded().get(0).getMessage().getId()).isEqualTo(id);
    assertThat(records.get(0).getMessagesAdded().get(0).getMessage().getLabelIds())
        .contains("INBOX", "UNREAD");
    assertThat(records.get(1).getLabelsAdded().get(0).getLabelIds()).containsExactly("STARRED");
    assertThat(records.get(1).getLabelsRemoved().get(0).getLabelIds()).containsExactly("UNREAD");
    assertThat(records.get(2).getMessagesAdded().get(0).getMessage().getId())
        .isEqualTo(reply.get("id"));
    assertThat(records.get(3).getMessagesDeleted().get(0).getMessage().getId()).isEqualTo(id);
    assertThat(records).extracting(History::getId).isSorted();
    assertThat(history.getHistoryId()).isEqualTo(records.get(3).getId());
    assertThat(gmail.users().getProfile("me").execute().getHistoryId())
        .isEqualTo(history.getHistoryId());

    ListHistoryResponse added =
        gmail
            .users()
            .history()
            .list("me")
            .setStartHistoryId(start)
            .setHistoryTypes(List.of("messageDeleted"))
            .execute();
    assertThat(added.getHistory()).hasSize(1);
    ListHistoryResponse starred =
        gmail.users().history().list("me").setStartHistoryId(start).setLabelId("STARRED").execute();
    assertThat(starred.getHistory())
        .extracting(History::getId)
        .containsExactly(records.get(1).getId(), records.get(3).getId());

    Message replyMessage =
        gmail.users().messages().get("me", (String) reply.get("id")).setFormat("full").execute();
    assertThat(replyMessage.getHistoryId()).isEqualTo(records.get(2).getId());
    assertThat(header(replyMessage, "In-Reply-To")).isNotBlank();
  }

  @Test
  void historyListWhenPagingThenEveryRecordOnceAndNothingAfterTheEnd() throws IOException {
    BigInteger start = gmail.users().getProfile("me").execute().getHistoryId();
    for (int i = 0; i < 7; i++) {
      fixture.admin(
          "POST",
          "/emulator/accounts/" + ALICE + "/gmail/messages",
          Map.of("subject", "n" + i, "body", "b"));
    }
    List<BigInteger> seen = new ArrayList<>();
    String pageToken = null;
    int pages = 0;
    do {
      ListHistoryResponse page =
          gmail
              .users()
              .history()
              .list("me")
              .setStartHistoryId(start)
              .setMaxResults(3L)
              .setPageToken(pageToken)
              .execute();
      page.getHistory().forEach(record -> seen.add(record.getId()));
      pageToken = page.getNextPageToken();
      pages++;
    } while (pageToken != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(7).doesNotHaveDuplicates().isSorted();
    BigInteger current = gmail.users().getProfile("me").execute().getHistoryId();
    ListHistoryResponse none =
        gmail.users().history().list("me").setStartHistoryId(current).execute();
    assertThat(none.getHistory()).isNull();
    assertThat(none.getHistoryId()).isEqualTo(current);
  }

  @Test
  void historyListWhenHistoryExpiredThenNotFound() throws IOException {
    BigInteger start = gmail.users().getProfile("me").execute().getHistoryId();
    fixture.admin(
        "POST",
        "/emulator/accounts/" + ALICE + "/gmail/messages",
        Map.of("subject", "x", "body", "y"));
    assertThat(gmail.users().history().list("me").setStartHistoryId(start).execute().getHistory())
        .hasSize(1);

    assertThat(
            fixture
                .admin("POST", "/emulator/accounts/" + ALICE + "/gmail/history/expire", Map.of())
                .status())
        .isEqualTo(200);

    assertThatThrownBy(() -> gmail.users().history().list("me").setStartHistoryId(start).execute())
        .isInstanceOf(GoogleJsonResponseException.class)
        .satisfies(
            e -> assertThat(((GoogleJsonResponseException) e).getStatusCode()).isEqualTo(404));
    BigInteger now = gmail.users().getProfile("me").execute().getHistoryId();
    assertThat(gmail.users().history().list("me").setStartHistoryId(now).execute().getHistory())
        .isNull();
  }

  @Test
  void batchWhenOneHundredPartsThenEachAnsweredAndWhenOneHundredAndOneThenRefused()
      throws IOException {
    unlimitedQuota();
    generate(150, 4);
    List<Message> listed = listAll(null, true);
    Map<String, Message> fetched = new ConcurrentHashMap<>();
    BatchRequest batch = gmail.batch();
    for (Message message : listed.subList(0, 99)) {
      gmail
          .users()
          .messages()
          .get("me", message.getId())
          .setFormat("metadata")
          .queue(batch, collect(fetched));
    }
    List<GoogleJsonError> failures = new ArrayList<>();
    gmail
        .users()
        .messages()
        .get("me", "0000000000000000")
        .queue(
            batch,
            new JsonBatchCallback<Message>() {
              @Override
              public void onSuccess(Message message, HttpHeaders headers) {}

              @Override
              public void onFailure(GoogleJsonError error, HttpHeaders headers) {
                failures.add(error);
              }
            });
    batch.execute();
    assertThat(fetched).hasSize(99);
    assertThat(failures)
        .singleElement()
        .satisfies(error -> assertThat(error.getCode()).isEqualTo(404));
    assertThat(fetched.get(listed.get(0).getId()).getPayload().getHeaders()).isNotEmpty();

    BatchRequest tooBig = gmail.batch();
    for (Message message : listed.subList(0, 101)) {
      gmail.users().messages().get("me", message.getId()).queue(tooBig, collect(fetched));
    }
    assertThatThrownBy(tooBig::execute)
        .isInstanceOf(HttpResponseException.class)
        .satisfies(e -> assertThat(((HttpResponseException) e).getStatusCode()).isEqualTo(400));
  }

  @Test
  void batchWhenRawMultipartThenPartsUseOuterAuthorizationAndAnswersCarryTheirContentIds() {
    String token = fixture.token(ALICE, EmulatorFixture.GMAIL_READONLY);
    String body =
        "--b1\r\nContent-Type: application/http\r\nContent-ID: <item-a>\r\n\r\n"
            + "GET /gmail/v1/users/me/profile\r\n\r\n"
            + "--b1\r\nContent-Type: application/http\r\nContent-ID: <item-b>\r\n\r\n"
            + "GET /gmail/v1/users/me/messages/ffff HTTP/1.1\r\n\r\n"
            + "--b1--\r\n";
    java.net.http.HttpResponse<String> response;
    try {
      response =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(fixture.emulator().baseUrl() + "/batch/gmail/v1"))
                      .header("Authorization", "Bearer " + token)
                      .header("Content-Type", "multipart/mixed; boundary=b1")
                      .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("multipart/mixed; boundary=");
    String answer = response.body();
    assertThat(answer.indexOf("Content-ID: <response-item-a>"))
        .isLessThan(answer.indexOf("Content-ID: <response-item-b>"));
    assertThat(answer).contains("HTTP/1.1 200 OK").contains("\"emailAddress\":\"" + ALICE + "\"");
    assertThat(answer).contains("HTTP/1.1 404 Not Found");
  }

  @Test
  void quotaWhenUserLimitExceededThenTooManyRequestsWithRetryAfter() throws IOException {
    generate(5, 1);
    fixture.emulator().context().quotas().find("gmail").orElseThrow().setLimits(12, 1_000_000);
    String id =
        gmail.users().messages().list("me").execute().getMessages().get(0).getId(); // 5 units
    gmail.users().messages().get("me", id).execute(); // 10 units

    assertThatThrownBy(() -> gmail.users().messages().get("me", id).execute())
        .isInstanceOf(GoogleJsonResponseException.class)
        .satisfies(
            thrown -> {
              GoogleJsonResponseException e = (GoogleJsonResponseException) thrown;
              assertThat(e.getStatusCode()).isEqualTo(429);
              assertThat(e.getDetails().getErrors().get(0).getReason())
                  .isEqualTo("rateLimitExceeded");
              assertThat(e.getDetails().getMessage()).isEqualTo("User-rate limit exceeded");
              String retryAfter = e.getHeaders().getFirstHeaderStringValue("Retry-After");
              assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
            });
    gmail.users().getProfile("me").execute(); // one unit still fits
    assertThat(fixture.emulator().stats().get("gmail.throttled")).isEqualTo(1);
    assertThat(fixture.emulator().stats().get("gmail.unitsUsed")).isEqualTo(11);
    assertThat(fixture.emulator().stats().get("gmail.requests")).isEqualTo(4);
  }

  @Test
  void quotaWhenProjectLimitExceededThenForbiddenRateLimitExceeded() throws IOException {
    fixture.emulator().context().quotas().find("gmail").orElseThrow().setLimits(1000, 2);
    gmail.users().getProfile("me").execute();
    gmail.users().getProfile("me").execute();
    assertThatThrownBy(() -> gmail.users().getProfile("me").execute())
        .isInstanceOf(GoogleJsonResponseException.class)
        .satisfies(
            thrown -> {
              GoogleJsonResponseException e = (GoogleJsonResponseException) thrown;
              assertThat(e.getStatusCode()).isEqualTo(403);
              assertThat(e.getDetails().getErrors().get(0).getReason())
                  .isEqualTo("rateLimitExceeded");
              assertThat(e.getHeaders().getFirstHeaderStringValue("Retry-After")).isNotNull();
            });
  }

  @Test
  void getWhenMetadataScopeOnlyThenFullFormatAndSearchAreForbidden() throws IOException {
    generate(5, 1);
    Gmail metadataOnly = fixture.gmail(fixture.token(ALICE, EmulatorFixture.GMAIL_METADATA));
    String id = metadataOnly.users().messages().list("me").execute().getMessages().get(0).getId();
    assertThat(
            metadataOnly
                .users()
                .messages()
                .get("me", id)
                .setFormat("metadata")
                .execute()
                .getPayload())
        .isNotNull();
    assertThatThrownBy(
            () -> metadataOnly.users().messages().get("me", id).setFormat("full").execute())
        .isInstanceOf(GoogleJsonResponseException.class)
        .satisfies(
            e -> assertThat(((GoogleJsonResponseException) e).getStatusCode()).isEqualTo(403));
    assertThatThrownBy(() -> metadataOnly.users().messages().list("me").setQ("in:inbox").execute())
        .isInstanceOf(GoogleJsonResponseException.class)
        .satisfies(
            e -> assertThat(((GoogleJsonResponseException) e).getStatusCode()).isEqualTo(403));
  }

  @Test
  void requestWhenTokenMissingOrOtherUserThenUnauthorizedOrForbidden() {
    Gmail anonymous = fixture.gmail("not-a-token");
    assertThatThrownBy(() -> anonymous.users().getProfile("me").execute())
        .isInstanceOf(GoogleJsonResponseException.class)
        .satisfies(
            e -> assertThat(((GoogleJsonResponseException) e).getStatusCode()).isEqualTo(401));
    assertThatThrownBy(() -> gmail.users().getProfile("bob@example.com").execute())
        .isInstanceOf(GoogleJsonResponseException.class)
        .satisfies(
            e -> assertThat(((GoogleJsonResponseException) e).getStatusCode()).isEqualTo(403));
  }

  @Test
  void adminWhenAccountUnknownThenNotFound() {
    assertThat(
            fixture
                .admin(
                    "POST",
                    "/emulator/accounts/nobody@example.com/gmail/generate",
                    Map.of("count", 1))
                .status())
        .isEqualTo(404);
    assertThat(
            fixture
                .admin("GET", "/emulator/accounts/nobody@example.com/gmail/summary", null)
                .status())
        .isEqualTo(404);
    assertThat(
            fixture
                .admin(
                    "POST",
                    "/emulator/accounts/" + ALICE + "/gmail/generate",
                    Map.of("count", "many"))
                .status())
        .isEqualTo(400);
  }

  @Test
  void summaryWhenGeneratedThenCountsMatchTheApi() throws IOException {
    generate(250, 8);
    Map<String, Object> summary =
        fixture.admin("GET", "/emulator/accounts/" + ALICE + "/gmail/summary", null).json();
    Profile profile = gmail.users().getProfile("me").execute();
    assertThat(((Number) summary.get("messagesTotal")).intValue())
        .isEqualTo(profile.getMessagesTotal());
    assertThat(((Number) summary.get("threadsTotal")).intValue())
        .isEqualTo(profile.getThreadsTotal());
    assertThat(summary.get("historyId")).isEqualTo(profile.getHistoryId().toString());
    long unread =
        gmail
            .users()
            .messages()
            .list("me")
            .setLabelIds(List.of("UNREAD"))
            .setIncludeSpamTrash(true)
            .setMaxResults(500L)
            .execute()
            .getResultSizeEstimate();
    assertThat(((Number) summary.get("unread")).longValue()).isEqualTo(unread);
    Optional.ofNullable(summary.get("labels")).orElseThrow();
  }
}
