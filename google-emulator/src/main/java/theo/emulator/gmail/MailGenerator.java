package theo.emulator.gmail;

import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import theo.emulator.people.Correspondents;
import theo.emulator.people.Correspondents.Correspondent;

/**
 * Writes a realistic mailbox from a seed: threads with replies, labels, multipart and HTML-only
 * mail, attachments, non-ASCII headers, a spread of sizes and dates over the past year. The same
 * seed, count and anchor day give the same mailbox. Bodies are built on demand from per-message
 * seeds, so ten thousand messages take little memory and little time.
 */
final class MailGenerator {
  static final List<String> USER_LABELS =
      List.of("Work", "Receipts", "Travel", "Family", "Projects/Apollo", "Newsletters");
  private static final List<String> CATEGORIES =
      List.of(
          "CATEGORY_PERSONAL",
          "CATEGORY_PERSONAL",
          "CATEGORY_UPDATES",
          "CATEGORY_PROMOTIONS",
          "CATEGORY_SOCIAL",
          "CATEGORY_FORUMS");
  private static final String[] SUBJECTS = {
    "Quarterly report draft",
    "Lunch on Thursday?",
    "Your invoice #%d",
    "Flight itinerary to Lisbon",
    "Re-org announcement",
    "Design review notes",
    "Café meeting in Zürich — agenda",
    "Résumé for the open position",
    "Привет! Planning the offsite",
    "日本出張の件",
    "Weekly newsletter: %d new articles",
    "Contract renewal",
    "Photos from the weekend 📷",
    "Budget approval needed",
    "Build failed on main",
    "Welcome to the team!",
    "Reminder: dentist appointment",
    "Your order has shipped",
    "Straße closure near the office",
    "Invitation: product launch",
  };
  private static final String[] WORDS = {
    "the",
    "project",
    "meeting",
    "schedule",
    "please",
    "review",
    "attached",
    "document",
    "team",
    "update",
    "thanks",
    "deadline",
    "budget",
    "customer",
    "feedback",
    "design",
    "release",
    "plan",
    "next",
    "week",
    "agenda",
    "notes",
    "question",
    "follow",
    "up",
    "quarter",
    "results",
    "draft",
    "final",
    "approve",
    "call",
    "tomorrow",
    "office",
    "travel",
    "invoice",
    "payment",
    "contract",
    "and",
    "to",
    "of",
    "for",
    "with",
    "on",
    "we",
    "you",
    "I",
    "our",
    "this",
    "that",
    "is",
    "will"
  };
  private static final String[] FOREIGN_WORDS = {
    "déjà vu",
    "naïve",
    "Grüße",
    "façade",
    "smörgåsbord",
    "jalapeño",
    "crème brûlée",
    "Ærø",
    "こんにちは",
    "спасибо",
    "€100",
    "coöperate"
  };
  private static final DateTimeFormatter RFC_822_DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", java.util.Locale.ROOT);
  private static final long DAY_MS = 86_400_000L;

  private final String ownerEmail;
  private final String ownerName;
  private final long seed;
  private final long anchor;
  // What repeats from message to message (a leaf's headers, a correspondent's address) is shared,
  // so a generated mailbox of 50,000 messages stays near 100 MB.
  private final Map<String, List<MimeNode.Header>> sharedHeaders = new HashMap<>();
  private final Map<String, String> sharedAddresses = new HashMap<>();

  /** {@code anchor} is "now" for the generated dates; pass a day boundary for stable output. */
  MailGenerator(String ownerEmail, String ownerName, long seed, Instant anchor) {
    this.ownerEmail = ownerEmail;
    this.ownerName = ownerName;
    this.seed = seed;
    this.anchor = anchor.toEpochMilli();
  }

  /** The people the generated mail is exchanged with (also the account's contacts). */
  List<Correspondent> correspondents(int count) {
    return Correspondents.generate(seed, Math.max(10, Math.min(300, count / 25 + 10)));
  }

  /** {@code count} messages in threads; user labels are created in {@code mailbox}. */
  List<Mailbox.Delivery> generate(int count, Mailbox mailbox) {
    Random random = new Random(seed);
    List<Correspondent> people = correspondents(count);
    List<String> userLabelIds = USER_LABELS.stream().map(mailbox::userLabel).toList();
    List<Mailbox.Delivery> deliveries = new ArrayList<>(count);
    int threadNumber = 0;
    while (deliveries.size() < count) {
      threadNumber++;
      int length = threadLength(random);
      length = Math.min(length, count - deliveries.size());
      Correspondent other = people.get(random.nextInt(people.size()));
      String subject =
          String.format(SUBJECTS[random.nextInt(SUBJECTS.length)], random.nextInt(9000) + 1000);
      long date = anchor - (long) (random.nextDouble() * 365 * DAY_MS) - 60_000;
      boolean inboundFirst = random.nextInt(5) > 0;
      int fate = random.nextInt(100); // spam, trash, archive, or inbox, for the whole thread
      String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
      String userLabel =
          random.nextInt(4) == 0 ? userLabelIds.get(random.nextInt(userLabelIds.size())) : null;
      String reply = "Re: " + subject;
      List<String> messageIds = new ArrayList<>();
      String threadKey = "t" + threadNumber;
      for (int i = 0; i < length; i++) {
        boolean inbound = (i % 2 == 0) == inboundFirst;
        if (i > 0) {
          date =
              Math.min(anchor - 1000, date + 600_000 + (long) (random.nextDouble() * 3 * DAY_MS));
        }
        String messageId =
            String.format(
                "<%08x.%d.%d@%s>",
                random.nextInt(),
                threadNumber,
                i,
                inbound ? domain(other.email()) : "mail.example.com");
        Set<String> labels = labels(random, inbound, fate, category, userLabel, date);
        deliveries.add(
            message(
                random,
                other,
                inbound,
                i == 0 ? subject : reply,
                date,
                messageId,
                messageIds,
                threadKey,
                labels));
        messageIds.add(messageId);
      }
    }
    return deliveries;
  }

  private static int threadLength(Random random) {
    int roll = random.nextInt(100);
    if (roll < 60) {
      return 1;
    }
    if (roll < 80) {
      return 2;
    }
    if (roll < 90) {
      return 3;
    }
    return 4 + random.nextInt(3);
  }

  private Set<String> labels(
      Random random, boolean inbound, int fate, String category, String userLabel, long date) {
    Set<String> labels = new LinkedHashSet<>();
    if (!inbound) {
      labels.add("SENT");
    } else if (fate < 2) {
      labels.add("SPAM");
    } else if (fate >= 15) {
      labels.add("INBOX");
    }
    if (inbound) {
      labels.add(category);
      boolean recent = anchor - date < 14 * DAY_MS;
      if (random.nextInt(100) < (recent ? 70 : 20)) {
        labels.add("UNREAD");
      }
    }
    if (fate >= 2 && fate < 5) {
      labels.remove("INBOX");
      labels.add("TRASH");
    }
    if (random.nextInt(100) < 5) {
      labels.add("STARRED");
    }
    if (random.nextInt(100) < 20) {
      labels.add("IMPORTANT");
    }
    if (userLabel != null && !labels.contains("SPAM")) {
      labels.add(userLabel);
    }
    return labels;
  }

  private Mailbox.Delivery message(
      Random random,
      Correspondent other,
      boolean inbound,
      String subject,
      long date,
      String messageId,
      List<String> earlier,
      String threadKey,
      Set<String> labels) {
    String from =
        inbound ? address(other.displayName(), other.email()) : address(ownerName, ownerEmail);
    String to =
        inbound ? address(ownerName, ownerEmail) : address(other.displayName(), other.email());
    List<MimeNode.Header> headers = new ArrayList<>();
    headers.add(new MimeNode.Header("MIME-Version", "1.0"));
    headers.add(
        new MimeNode.Header(
            "Date",
            RFC_822_DATE.format(
                ZonedDateTime.ofInstant(Instant.ofEpochMilli(date), ZoneOffset.UTC))));
    headers.add(new MimeNode.Header("Message-ID", messageId));
    headers.add(new MimeNode.Header("Subject", subject));
    headers.add(new MimeNode.Header("From", from));
    headers.add(new MimeNode.Header("To", to));
    if (!earlier.isEmpty()) {
      headers.add(new MimeNode.Header("In-Reply-To", earlier.get(earlier.size() - 1)));
      headers.add(new MimeNode.Header("References", String.join(" ", earlier)));
    }

    String greetingName = inbound ? ownerName.split(" ")[0] : other.givenName();
    String opening = "Hi " + greetingName + ", " + sentence(random, 8 + random.nextInt(10));
    boolean foreign = random.nextInt(10) == 0;
    int sizeClass = random.nextInt(100);
    int textBytes =
        sizeClass < 10
            ? 300 + random.nextInt(1700)
            : sizeClass < 95 ? 2000 + random.nextInt(18_000) : 100_000 + random.nextInt(150_000);
    long bodySeed = random.nextLong();
    Supplier<String> text = new BodyText(bodySeed, opening, textBytes, foreign);
    String boundarySeed = String.format("%016x", random.nextLong());

    int kind = random.nextInt(100);
    MimeNode content;
    int size =
        600 + headers.stream().mapToInt(h -> h.name().length() + h.value().length() + 4).sum();
    if (kind < 20) {
      content = textLeaf("text/plain", text, foreign);
      size += textBytes;
    } else if (kind < 35) {
      content = textLeaf("text/html", () -> html(text.get()), foreign);
      size += textBytes + textBytes / 8 + 80;
    } else {
      MimeNode alternative =
          multipart(
              "alternative",
              "00000000" + boundarySeed + "a",
              List.of(
                  textLeaf("text/plain", text, foreign),
                  textLeaf("text/html", () -> html(text.get()), foreign)));
      size += 2 * textBytes + textBytes / 8 + 200;
      if (kind < 80) {
        content = alternative;
      } else {
        List<MimeNode> parts = new ArrayList<>();
        parts.add(alternative);
        int attachments = 1 + (random.nextInt(4) == 0 ? 1 : 0);
        for (int a = 0; a < attachments; a++) {
          boolean pdf = random.nextBoolean();
          int bytes =
              random.nextInt(10) == 0
                  ? 100_000 + random.nextInt(300_000)
                  : 2_000 + random.nextInt(60_000);
          long attachmentSeed = random.nextLong();
          parts.add(attachment(pdf, "document-" + (a + 1), bytes, attachmentSeed));
          size += bytes * 4 / 3 + 200;
        }
        content = multipart("mixed", "00000000" + boundarySeed + "m", parts);
      }
    }
    MimeNode root = content.withLeadingHeaders(headers);
    String snippet = snippet(opening);
    return new Mailbox.Delivery(root, threadKey, date, labels, snippet, size);
  }

  private static String domain(String email) {
    return email.substring(email.indexOf('@') + 1);
  }

  private String address(String name, String email) {
    return sharedAddresses.computeIfAbsent(
        name + "\n" + email,
        key -> name == null || name.isBlank() ? email : name + " <" + email + ">");
  }

  private MimeNode textLeaf(String mimeType, Supplier<String> text, boolean foreign) {
    MimeNode.Content bytes = () -> text.get().getBytes(StandardCharsets.UTF_8);
    String encoding = foreign ? "quoted-printable" : "7bit";
    List<MimeNode.Header> headers =
        sharedHeaders.computeIfAbsent(
            mimeType + "\n" + encoding,
            key ->
                List.of(
                    new MimeNode.Header("Content-Type", mimeType + "; charset=\"UTF-8\""),
                    new MimeNode.Header("Content-Transfer-Encoding", encoding)));
    return MimeNode.leaf(headers, mimeType, "", bytes);
  }

  static MimeNode multipart(String subtype, String boundary, List<MimeNode> children) {
    return MimeNode.multipart(
        subtype,
        List.of(
            new MimeNode.Header(
                "Content-Type", "multipart/" + subtype + "; boundary=\"" + boundary + "\"")),
        children);
  }

  private MimeNode attachment(boolean pdf, String baseName, int size, long attachmentSeed) {
    String mimeType = pdf ? "application/pdf" : "image/png";
    String filename = baseName + (pdf ? ".pdf" : ".png");
    MimeNode.Content bytes =
        MimeNode.Content.sized(
            size,
            () -> {
              byte[] data = new byte[size];
              new Random(attachmentSeed).nextBytes(data);
              byte[] magic =
                  pdf
                      ? "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII)
                      : new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
              System.arraycopy(magic, 0, data, 0, Math.min(magic.length, size));
              return data;
            });
    List<MimeNode.Header> headers =
        sharedHeaders.computeIfAbsent(
            filename,
            key ->
                List.of(
                    new MimeNode.Header("Content-Type", mimeType + "; name=\"" + filename + "\""),
                    new MimeNode.Header(
                        "Content-Disposition", "attachment; filename=\"" + filename + "\""),
                    new MimeNode.Header("Content-Transfer-Encoding", "base64")));
    return MimeNode.leaf(headers, mimeType, filename, bytes);
  }

  private static String sentence(Random random, int words) {
    StringBuilder sentence = new StringBuilder();
    for (int i = 0; i < words; i++) {
      String word = WORDS[random.nextInt(WORDS.length)];
      sentence.append(
          i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : " " + word);
    }
    return sentence.append('.').toString();
  }

  /**
   * One message's body text, built on demand from its seed. The text/plain and text/html parts of a
   * message are rendered one after the other, so the text built for the first is kept (weakly, a
   * generated mailbox must stay small) for the second.
   */
  private static final class BodyText implements Supplier<String> {
    private final long seed;
    private final String opening;
    private final int bytes;
    private final boolean foreign;
    private WeakReference<String> recent = new WeakReference<>(null);

    BodyText(long seed, String opening, int bytes, boolean foreign) {
      this.seed = seed;
      this.opening = opening;
      this.bytes = bytes;
      this.foreign = foreign;
    }

    @Override
    public synchronized String get() {
      String text = recent.get();
      if (text == null) {
        text = bodyText(seed, opening, bytes, foreign);
        recent = new WeakReference<>(text);
      }
      return text;
    }
  }

  /** Plain text of about {@code bytes} UTF-8 bytes in wrapped paragraphs, from its own seed. */
  static String bodyText(long bodySeed, String opening, int bytes, boolean foreign) {
    Random random = new Random(bodySeed);
    StringBuilder text = new StringBuilder(bytes + 100).append(opening).append("\r\n\r\n");
    int line = 0;
    while (text.length() < bytes) {
      String word =
          foreign && random.nextInt(12) == 0
              ? FOREIGN_WORDS[random.nextInt(FOREIGN_WORDS.length)]
              : WORDS[random.nextInt(WORDS.length)];
      if (line + word.length() > 72) {
        text.append("\r\n");
        line = 0;
        if (random.nextInt(8) == 0) {
          text.append("\r\n");
        }
      } else if (line > 0) {
        text.append(' ');
        line++;
      }
      text.append(word);
      line += word.length();
    }
    return text.append("\r\n\r\n-- \r\nSent from the emulator\r\n").toString();
  }

  private static final String PARAGRAPH_BREAK = "\r\n\r\n";

  /** Each paragraph of the text (as {@code split("\r\n\r\n")} cuts them) in its own {@code <p>}. */
  static String html(String text) {
    List<int[]> paragraphs = new ArrayList<>(); // {start, end} in text
    int from = 0;
    int at;
    while ((at = text.indexOf(PARAGRAPH_BREAK, from)) >= 0) {
      paragraphs.add(new int[] {from, at});
      from = at + PARAGRAPH_BREAK.length();
    }
    paragraphs.add(new int[] {from, text.length()});
    // Like split(): without a break the text is one paragraph; with breaks, empty ones at the end
    // go.
    boolean hasBreak = paragraphs.size() > 1;
    while (hasBreak && !paragraphs.isEmpty() && isEmpty(paragraphs.get(paragraphs.size() - 1))) {
      paragraphs.remove(paragraphs.size() - 1);
    }
    StringBuilder html = new StringBuilder(text.length() + text.length() / 8 + 80);
    html.append("<html><body>\r\n");
    for (int[] paragraph : paragraphs) {
      html.append("<p>");
      escape(text, paragraph[0], paragraph[1], html);
      html.append("</p>\r\n");
    }
    return html.append("</body></html>\r\n").toString();
  }

  private static boolean isEmpty(int[] range) {
    return range[0] == range[1];
  }

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    escape(text, 0, text.length(), escaped);
    return escaped.toString();
  }

  /** Appends {@code text[from, to)} with HTML's five special characters as entities. */
  private static void escape(String text, int from, int to, StringBuilder out) {
    int plain = from;
    for (int i = from; i < to; i++) {
      String entity =
          switch (text.charAt(i)) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '\'' -> "&#39;";
            case '"' -> "&quot;";
            default -> null;
          };
      if (entity != null) {
        out.append(text, plain, i).append(entity);
        plain = i + 1;
      }
    }
    out.append(text, plain, to);
  }

  static String snippet(String text) {
    String flat = text.replaceAll("\\s+", " ").trim();
    return escape(flat.length() > 200 ? flat.substring(0, 200) : flat);
  }
}
