package theo.emulator.gmail;

import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
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
    Supplier<byte[]> text = new BodyText(bodySeed, opening, textBytes, foreign);
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

  private MimeNode textLeaf(String mimeType, Supplier<byte[]> text, boolean foreign) {
    MimeNode.Content bytes = text::get;
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
   * One message's body text as UTF-8, built on demand from its seed. The text/plain and text/html
   * parts of a message are rendered one after the other, so the text built for the first is kept
   * (weakly, a generated mailbox must stay small) for the second.
   */
  private static final class BodyText implements Supplier<byte[]> {
    private final long seed;
    private final String opening;
    private final int bytes;
    private final boolean foreign;
    private WeakReference<byte[]> recent = new WeakReference<>(null);

    BodyText(long seed, String opening, int bytes, boolean foreign) {
      this.seed = seed;
      this.opening = opening;
      this.bytes = bytes;
      this.foreign = foreign;
    }

    @Override
    public synchronized byte[] get() {
      byte[] text = recent.get();
      if (text == null) {
        text = bodyText(seed, opening, bytes, foreign);
        recent = new WeakReference<>(text);
      }
      return text;
    }
  }

  // The bodies are built as UTF-8 bytes: every served message builds its bodies again, and building
  // them as Strings (then encoding them, and escaping the text as HTML through another String) was
  // most of what serving a message in format full cost.
  private static final byte[][] WORD_BYTES = utf8(WORDS);
  private static final byte[][] FOREIGN_WORD_BYTES = utf8(FOREIGN_WORDS);
  private static final byte[] CRLF = utf8("\r\n");
  private static final byte[] SIGNATURE = utf8("\r\n\r\n-- \r\nSent from the emulator\r\n");

  /**
   * Plain text of about {@code bytes} characters in wrapped paragraphs, from its own seed, as
   * UTF-8. The text's length and its lines are counted in characters ({@code String.length()}, as
   * when it was built as a String: the same seed must keep giving the same text).
   */
  static byte[] bodyText(long bodySeed, String opening, int bytes, boolean foreign) {
    BodyRandom random = new BodyRandom(bodySeed);
    ByteBuilder text = ByteBuilder.forThread();
    text.append(utf8(opening));
    text.append(CRLF);
    text.append(CRLF);
    int chars = opening.length() + 4;
    int line = 0;
    while (chars < bytes) {
      byte[] word;
      int wordChars;
      if (foreign && random.nextInt(12) == 0) {
        int pick = random.nextInt(FOREIGN_WORDS.length);
        word = FOREIGN_WORD_BYTES[pick];
        wordChars = FOREIGN_WORDS[pick].length();
      } else {
        word = WORD_BYTES[random.nextInt(WORDS.length)];
        wordChars = word.length; // ASCII
      }
      if (line + wordChars > 72) {
        text.append(CRLF);
        chars += 2;
        line = 0;
        if (random.nextInt(8) == 0) {
          text.append(CRLF);
          chars += 2;
        }
      } else if (line > 0) {
        text.append((byte) ' ');
        chars++;
        line++;
      }
      text.append(word);
      chars += wordChars;
      line += wordChars;
    }
    text.append(SIGNATURE);
    return text.toByteArray();
  }

  /** The HTML of a String, for tests. */
  static String html(String text) {
    return new String(html(utf8(text)), StandardCharsets.UTF_8);
  }

  private static final byte[] HTML_START = utf8("<html><body>\r\n");
  private static final byte[] HTML_END = utf8("</body></html>\r\n");
  private static final byte[] PARAGRAPH_START = utf8("<p>");
  private static final byte[] PARAGRAPH_END = utf8("</p>\r\n");

  // HTML's five special characters, each byte's entity (null for a byte written as it is), and the
  // bytes html() stops at: those and CR, which may start a paragraph break.
  private static final byte[][] ENTITIES = new byte[256][];
  private static final boolean[] HTML_STOPS = new boolean[256];

  static {
    ENTITIES['&'] = utf8("&amp;");
    ENTITIES['<'] = utf8("&lt;");
    ENTITIES['>'] = utf8("&gt;");
    ENTITIES['\''] = utf8("&#39;");
    ENTITIES['"'] = utf8("&quot;");
    for (int b = 0; b < 256; b++) {
      HTML_STOPS[b] = ENTITIES[b] != null || b == '\r';
    }
  }

  /**
   * Each paragraph of UTF-8 text (as {@code split("\r\n\r\n")} cuts them) in its own {@code <p>},
   * with HTML's special characters escaped, as UTF-8. It works on the bytes: the breaks and the
   * special characters are ASCII, and no byte of a multi-byte UTF-8 sequence is. One pass over the
   * text, which copies the runs between special bytes as they are.
   */
  static byte[] html(byte[] text) {
    ByteBuilder html = ByteBuilder.forThread();
    html.append(HTML_START);
    // Like split(), without a break the text is one paragraph; with breaks, the empty paragraphs
    // at the end go: the HTML is cut back to the end of the last one that is not empty.
    int kept = html.length();
    boolean broken = false;
    int paragraph = 0; // where the current paragraph starts in the text
    int plain = 0; // where the text not yet written starts
    html.append(PARAGRAPH_START);
    for (int i = 0; i < text.length; i++) {
      byte b = text[i];
      if (!HTML_STOPS[b & 0xff]) {
        continue;
      }
      if (b != '\r') {
        html.append(text, plain, i);
        html.append(ENTITIES[b & 0xff]);
        plain = i + 1;
      } else if (isParagraphBreak(text, i)) {
        html.append(text, plain, i);
        html.append(PARAGRAPH_END);
        if (i > paragraph) {
          kept = html.length();
        }
        broken = true;
        html.append(PARAGRAPH_START);
        i += 3;
        paragraph = i + 1;
        plain = i + 1;
      }
    }
    html.append(text, plain, text.length);
    html.append(PARAGRAPH_END);
    if (text.length > paragraph || !broken) {
      kept = html.length();
    }
    html.truncate(kept);
    html.append(HTML_END);
    return html.toByteArray();
  }

  /** Whether {@code \r\n\r\n} starts at the CR at {@code i}. */
  private static boolean isParagraphBreak(byte[] text, int i) {
    return i + 3 < text.length && text[i + 1] == '\n' && text[i + 2] == '\r' && text[i + 3] == '\n';
  }

  /**
   * Bytes built in a buffer kept per thread, then copied into an array of their size (which only
   * the end of the building tells): one array per body rather than a growing one and its copies.
   */
  private static final class ByteBuilder {
    private static final ThreadLocal<ByteBuilder> PER_THREAD =
        ThreadLocal.withInitial(ByteBuilder::new);
    private static final int INITIAL = 32 * 1024;
    // A buffer grown for the largest bodies is not kept: a thread holds at most this much.
    private static final int MAX_KEPT = 512 * 1024;

    private byte[] bytes = new byte[INITIAL];
    private int length;

    /** The calling thread's builder, emptied. Not for building two things at once. */
    static ByteBuilder forThread() {
      ByteBuilder builder = PER_THREAD.get();
      builder.length = 0;
      return builder;
    }

    int length() {
      return length;
    }

    void truncate(int length) {
      this.length = length;
    }

    void append(byte b) {
      room(1);
      bytes[length++] = b;
    }

    void append(byte[] source) {
      append(source, 0, source.length);
    }

    void append(byte[] source, int from, int to) {
      int count = to - from;
      room(count);
      System.arraycopy(source, from, bytes, length, count);
      length += count;
    }

    byte[] toByteArray() {
      byte[] built = Arrays.copyOf(bytes, length);
      if (bytes.length > MAX_KEPT) {
        bytes = new byte[INITIAL];
      }
      return built;
    }

    private void room(int count) {
      if (length + count > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + count));
      }
    }
  }

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    int plain = 0;
    for (int i = 0; i < text.length(); i++) {
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
        escaped.append(text, plain, i).append(entity);
        plain = i + 1;
      }
    }
    return escaped.append(text, plain, text.length()).toString();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[][] utf8(String[] words) {
    byte[][] bytes = new byte[words.length][];
    for (int i = 0; i < words.length; i++) {
      bytes[i] = utf8(words[i]);
    }
    return bytes;
  }

  /**
   * {@link Random}'s generator, whose algorithm its documentation specifies (so the same seed gives
   * the same numbers), without the atomic update that makes Random safe to share: a body's
   * generator stays on one thread, and the compare-and-set for each word weighed on bodyText.
   */
  static final class BodyRandom {
    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;
    private long seed;

    BodyRandom(long seed) {
      this.seed = (seed ^ MULTIPLIER) & MASK;
    }

    private int next(int bits) {
      seed = (seed * MULTIPLIER + ADDEND) & MASK;
      return (int) (seed >>> (48 - bits));
    }

    /** As {@link Random#nextInt(int)}. */
    int nextInt(int bound) {
      int r = next(31);
      int m = bound - 1;
      if ((bound & m) == 0) {
        return (int) ((bound * (long) r) >> 31);
      }
      for (int u = r; u - (r = u % bound) + m < 0; u = next(31)) {
        // a draw from the incomplete last span of bound: draw again
      }
      return r;
    }
  }

  static String snippet(String text) {
    String flat = text.replaceAll("\\s+", " ").trim();
    return escape(flat.length() > 200 ? flat.substring(0, 200) : flat);
  }
}
