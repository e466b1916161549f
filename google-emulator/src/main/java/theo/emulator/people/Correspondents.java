package theo.emulator.people;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Deterministic made-up people: the same seed and count always give the same names, addresses,
 * phones and organisations. Gmail's generator writes mail from them and People lists them.
 */
public final class Correspondents {
  private static final String[] FIRST = {
    "Olivia",
    "Liam",
    "Emma",
    "Noah",
    "Ava",
    "Lucas",
    "Mia",
    "Ethan",
    "Sofia",
    "Mateo",
    "Zoë",
    "José",
    "Björn",
    "Åsa",
    "François",
    "Łukasz",
    "Chloé",
    "Søren",
    "Priya",
    "Hiroshi",
    "Amélie",
    "Nikolai",
    "Fatima",
    "Diego",
    "Grace",
    "Oscar",
    "Ingrid",
    "Ravi",
    "Hannah",
    "Yusuf",
    "Elena",
    "Tomás",
    "Aisha",
    "Mei",
    "Jonas",
    "Clara",
    "Andrés",
    "Leila",
    "Kofi",
    "Nora"
  };
  private static final String[] LAST = {
    "Smith", "Johnson", "Müller", "García", "Rossi", "Dubois", "Nowak", "Kowalski", "Tanaka",
    "Andersson", "Novák", "O'Brien", "Fernández", "Nguyen", "Kim", "Patel", "Okafor", "Schmidt",
    "Jensen", "Silva", "Costa", "Ivanova", "Lindqvist", "Haddad", "Moreau", "Brown", "Wilson",
    "Yamamoto", "Larsen", "Čapek"
  };
  private static final String[][] ORGANISATIONS = {
    {"Acme Corp", "acme.example"},
    {"Globex", "globex.example"},
    {"Initech", "initech.example"},
    {"Umbrella Labs", "umbrella.example"},
    {"Stark Industries", "stark.example"},
    {"Wayne Enterprises", "wayne.example"},
    {"Hooli", "hooli.example"},
    {"Pied Piper", "piedpiper.example"},
    {"Soylent", "soylent.example"},
    {"Gmail", "gmail.example"},
  };
  private static final String[] TITLES = {
    "Engineer",
    "Product Manager",
    "Designer",
    "Account Executive",
    "CFO",
    "Recruiter",
    "Support Lead",
    "Founder",
    "Consultant",
    "Analyst"
  };

  private Correspondents() {}

  /** {@code count} distinct people derived from {@code seed}. */
  public static List<Correspondent> generate(long seed, int count) {
    Random random = new Random(seed ^ 0x5DEECE66DL);
    List<Correspondent> people = new ArrayList<>(count);
    Set<String> emails = new HashSet<>();
    for (int i = 0; i < count; i++) {
      String first = FIRST[random.nextInt(FIRST.length)];
      String last = LAST[random.nextInt(LAST.length)];
      String[] organisation = ORGANISATIONS[random.nextInt(ORGANISATIONS.length)];
      String local = ascii(first) + "." + ascii(last);
      String email = local + "@" + organisation[1];
      for (int n = 2; !emails.add(email); n++) {
        email = local + n + "@" + organisation[1];
      }
      String phone = String.format("+1 415-555-%04d", random.nextInt(10_000));
      String title = TITLES[random.nextInt(TITLES.length)];
      people.add(
          new Correspondent(
              "c" + Long.toUnsignedString(seed * 1_000_003L + i * 7919L),
              first,
              last,
              email,
              phone,
              organisation[0],
              title));
    }
    return people;
  }

  private static String ascii(String name) {
    String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
    return decomposed
        .replaceAll("\\p{M}", "")
        .replace("Ł", "L")
        .replace("ł", "l")
        .replace("ø", "o")
        .replaceAll("[^A-Za-z]", "")
        .toLowerCase(Locale.ROOT);
  }

  /** One made-up person; {@code id} is stable for the seed and position. */
  public record Correspondent(
      String id,
      String givenName,
      String familyName,
      String email,
      String phone,
      String organisation,
      String title) {
    public String displayName() {
      return givenName + " " + familyName;
    }
  }
}
