package theo.emulator.drive;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Fills a drive with a deterministic folder tree: the same seed, count and UTC day give the same
 * ids, names, times and bytes. About one item in eight is a folder (up to three levels deep); the
 * rest are Google Docs, Sheets and Slides, PDFs, images and text files. Some files are shared with
 * the person by other people (no parents in My Drive), some shared by the person, some starred,
 * some trashed; one text file is over 1 MB when there are at least 50 items. Contents are rebuilt
 * from per-file seeds when read, so a drive of 10,000 files holds only its metadata.
 */
final class DriveGenerator {
  private static final String[] TOP_FOLDERS = {
    "Projects", "Finance", "Photos", "Notes", "Archive", "Travel", "Family", "Work", "School"
  };
  private static final String[] SUB_FOLDERS = {
    "2023",
    "2024",
    "2025",
    "Drafts",
    "Shared",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "Apollo",
    "Gemini",
    "Receipts",
    "Old"
  };
  private static final String[] TOPICS = {
    "Apollo",
    "Budget",
    "Roadmap",
    "Meeting",
    "Launch",
    "Hiring",
    "Research",
    "Offsite",
    "Café",
    "Quarterly",
    "Design",
    "Customer",
    "Résumé",
    "Garden",
    "Recipe"
  };
  private static final String[] NOUNS = {
    "plan",
    "notes",
    "review",
    "summary",
    "proposal",
    "checklist",
    "minutes",
    "report",
    "ideas",
    "draft"
  };
  private static final String[] WORDS = {
    "the",
    "team",
    "agreed",
    "to",
    "ship",
    "launch",
    "budget",
    "review",
    "next",
    "week",
    "customer",
    "feedback",
    "naïve",
    "plan",
    "timeline",
    "risk",
    "owner",
    "follow",
    "up",
    "on",
    "design",
    "meeting",
    "with",
    "and",
    "draft",
    "numbers",
    "for",
    "quarter",
    "résumé",
    "approved"
  };
  private static final String[][] PEOPLE = {
    {"dana@partner.example", "Dana Partner"},
    {"erik@vendor.example", "Erik Vendor"},
    {"fatima@example.org", "Fatima Example"},
    {"gus@school.example", "Gus Teacher"}
  };

  private enum Kind {
    DOC(DriveFile.DOCUMENT),
    SHEET(DriveFile.SPREADSHEET),
    SLIDES(DriveFile.PRESENTATION),
    PDF("application/pdf"),
    PNG("image/png"),
    JPEG("image/jpeg"),
    TEXT("text/plain");

    final String mimeType;

    Kind(String mimeType) {
      this.mimeType = mimeType;
    }
  }

  private DriveGenerator() {}

  /** Adds {@code count} items to the drive (each a change in its feed); answers how many. */
  static int generate(AccountDrive drive, int count, long seed) {
    Random random = new Random(seed);
    Instant day = drive.now().truncatedTo(ChronoUnit.DAYS);
    int folderCount = count < 4 ? 0 : Math.max(1, count / 8);
    List<DriveFile> folders = new ArrayList<>();
    List<DriveFile> created = new ArrayList<>();
    boolean largeTextMade = count < 50;
    for (int i = 0; i < count; i++) {
      String id = uniqueId(drive, random);
      Instant modified = day.minus(Duration.ofSeconds(random.nextLong(365L * 24 * 3600)));
      Instant createdTime = modified.minus(Duration.ofSeconds(random.nextLong(90L * 24 * 3600)));
      if (i < folderCount) {
        DriveFile parent =
            folders.isEmpty() || i < TOP_FOLDERS.length || random.nextInt(3) == 0
                ? null
                : folders.get(random.nextInt(folders.size()));
        if (parent != null && depth(parent, folders) >= 3) {
          parent = null;
        }
        String name =
            parent == null
                ? TOP_FOLDERS[i % TOP_FOLDERS.length] + suffix(i / TOP_FOLDERS.length)
                : SUB_FOLDERS[random.nextInt(SUB_FOLDERS.length)];
        DriveFile folder = owned(drive, id, name, DriveFile.FOLDER, createdTime, modified);
        folder.parents.add(parent == null ? drive.rootId : parent.id);
        folders.add(folder);
        created.add(folder);
        continue;
      }
      Kind kind = kind(random);
      long contentSeed = random.nextLong();
      boolean large = false;
      if (kind == Kind.TEXT && !largeTextMade) {
        large = true;
        largeTextMade = true;
      }
      String name = name(kind, random, i);
      boolean sharedWithMe = random.nextInt(100) < 8;
      DriveFile file;
      if (sharedWithMe) {
        String[] person = PEOPLE[random.nextInt(PEOPLE.length)];
        file = new DriveFile(id, name, kind.mimeType, createdTime, person[0], person[1], false);
        file.modifiedTime = modified;
        file.shared = true;
        file.sharedWithMeTime = modified.plus(Duration.ofMinutes(random.nextInt(600)));
      } else {
        file = owned(drive, id, name, kind.mimeType, createdTime, modified);
        file.parents.add(
            folders.isEmpty() || random.nextInt(10) < 3
                ? drive.rootId
                : folders.get(random.nextInt(folders.size())).id);
        file.shared = random.nextInt(100) < 15;
      }
      file.starred = random.nextInt(100) < 5;
      if (random.nextInt(100) < 5) {
        file.trashed = true;
        file.explicitlyTrashed = true;
        file.trashedTime = modified.plus(Duration.ofHours(1 + random.nextInt(48)));
      }
      file.content(content(kind, contentSeed, large, name));
      created.add(file);
    }
    // a trashed folder trashes what is in it
    for (DriveFile folder : folders) {
      if (random.nextInt(100) < 4) {
        folder.trashed = true;
        folder.explicitlyTrashed = true;
        folder.trashedTime = folder.modifiedTime.plus(Duration.ofHours(2));
      }
    }
    for (DriveFile file : created) {
      drive.add(file);
    }
    for (DriveFile folder : folders) {
      if (folder.explicitlyTrashed) {
        for (DriveFile inside : drive.descendants(folder.id)) {
          if (!inside.trashed) {
            inside.trashed = true;
            inside.trashedTime = folder.trashedTime;
          }
        }
      }
    }
    return created.size();
  }

  private static DriveFile owned(
      AccountDrive drive,
      String id,
      String name,
      String mimeType,
      Instant createdTime,
      Instant modified) {
    DriveFile file =
        new DriveFile(
            id, name, mimeType, createdTime, drive.account.email(), drive.account.name(), true);
    file.modifiedTime = modified;
    return file;
  }

  private static String uniqueId(AccountDrive drive, Random random) {
    String id = DriveIds.next(random);
    while (drive.contains(id)) {
      id = DriveIds.next(random);
    }
    return id;
  }

  private static int depth(DriveFile folder, List<DriveFile> folders) {
    int depth = 1;
    String parent = folder.parents.isEmpty() ? null : folder.parents.get(0);
    while (parent != null) {
      String current = parent;
      DriveFile next =
          folders.stream()
              .filter(candidate -> candidate.id.equals(current))
              .findFirst()
              .orElse(null);
      if (next == null) {
        break;
      }
      depth++;
      parent = next.parents.isEmpty() ? null : next.parents.get(0);
    }
    return depth;
  }

  private static String suffix(int round) {
    return round == 0 ? "" : " " + (round + 1);
  }

  private static Kind kind(Random random) {
    int roll = random.nextInt(100);
    if (roll < 30) {
      return Kind.DOC;
    }
    if (roll < 45) {
      return Kind.SHEET;
    }
    if (roll < 48) {
      return Kind.SLIDES;
    }
    if (roll < 64) {
      return Kind.PDF;
    }
    if (roll < 74) {
      return Kind.PNG;
    }
    if (roll < 82) {
      return Kind.JPEG;
    }
    return Kind.TEXT;
  }

  private static String name(Kind kind, Random random, int index) {
    String topic = TOPICS[random.nextInt(TOPICS.length)];
    String noun = NOUNS[random.nextInt(NOUNS.length)];
    return switch (kind) {
      case DOC -> topic + " " + noun;
      case SHEET -> topic + " budget " + (2022 + random.nextInt(4));
      case SLIDES -> topic + " presentation";
      case PDF -> (random.nextBoolean() ? "Invoice " : topic + " " + noun + " ") + index + ".pdf";
      case PNG -> "diagram-" + index + ".png";
      case JPEG -> "IMG_" + (1000 + index) + ".jpg";
      case TEXT -> topic.toLowerCase(Locale.ROOT) + "-" + noun + "-" + index + ".txt";
    };
  }

  private static Supplier<byte[]> content(Kind kind, long seed, boolean large, String name) {
    return () -> {
      Random random = new Random(seed);
      return switch (kind) {
        case DOC, SLIDES -> utf8(name + "\n\n" + sentences(random, 3 + random.nextInt(25)));
        case TEXT ->
            utf8(
                large
                    ? sentences(random, 18_000)
                    : name + "\n" + sentences(random, 2 + random.nextInt(30)));
        case SHEET -> utf8(csv(random));
        case PDF -> pdf(random, name);
        case PNG -> binary(random, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        case JPEG ->
            binary(random, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0});
      };
    };
  }

  private static String sentences(Random random, int count) {
    StringBuilder text = new StringBuilder();
    for (int s = 0; s < count; s++) {
      int words = 6 + random.nextInt(12);
      for (int w = 0; w < words; w++) {
        String word = WORDS[random.nextInt(WORDS.length)];
        text.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
        text.append(w == words - 1 ? ". " : " ");
      }
      if (s % 5 == 4) {
        text.append('\n');
      }
    }
    return text.toString().trim() + "\n";
  }

  private static String csv(Random random) {
    StringBuilder csv = new StringBuilder("Item,Amount,Owner\n");
    int rows = 3 + random.nextInt(40);
    for (int r = 0; r < rows; r++) {
      csv.append(WORDS[random.nextInt(WORDS.length)])
          .append(',')
          .append(random.nextInt(10_000))
          .append(',')
          .append(PEOPLE[random.nextInt(PEOPLE.length)][1])
          .append('\n');
    }
    return csv.toString();
  }

  private static byte[] pdf(Random random, String title) {
    String text = sentences(random, 2 + random.nextInt(6)).replace("(", "").replace(")", "");
    String body =
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>"
            + " endobj\n4 0 obj << >> stream\nBT /F1 12 Tf 72 720 Td ("
            + title.replace("(", "").replace(")", "")
            + ") Tj ("
            + text.replace("\n", " ")
            + ") Tj ET\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    return body.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] binary(Random random, byte[] magic) {
    byte[] bytes = new byte[magic.length + 1_000 + random.nextInt(24_000)];
    random.nextBytes(bytes);
    System.arraycopy(magic, 0, bytes, 0, magic.length);
    return bytes;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
