package theo.auth;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place Google OAuth scopes are defined: the sign-in scopes and each integration's scopes,
 * with checks that answer "may Theo read/write/send with what the user granted?".
 */
public final class Scopes {
  public static final String OPENID = "openid";
  public static final String EMAIL = "email";
  public static final String PROFILE = "profile";

  private static final String GOOGLE = "https://www.googleapis.com/auth/";
  public static final String GMAIL_READONLY = GOOGLE + "gmail.readonly";
  public static final String GMAIL_SEND = GOOGLE + "gmail.send";
  public static final String GMAIL_COMPOSE = GOOGLE + "gmail.compose";
  public static final String GMAIL_LABELS = GOOGLE + "gmail.labels";
  public static final String CONTACTS_READONLY = GOOGLE + "contacts.readonly";
  public static final String CALENDAR_READONLY = GOOGLE + "calendar.readonly";
  public static final String CALENDAR_EVENTS = GOOGLE + "calendar.events";
  public static final String DRIVE_METADATA_READONLY = GOOGLE + "drive.metadata.readonly";
  public static final String DRIVE_READONLY = GOOGLE + "drive.readonly";

  /** Requested at every sign-in. */
  public static final Set<String> BASE = ordered(OPENID, EMAIL, PROFILE);

  /** All required by the Gmail integration. */
  public static final Set<String> GMAIL =
      ordered(GMAIL_READONLY, GMAIL_SEND, GMAIL_COMPOSE, GMAIL_LABELS, CONTACTS_READONLY);

  /** All required by the Calendar integration; {@code calendar.events} is the write scope. */
  public static final Set<String> CALENDAR = ordered(CALENDAR_READONLY, CALENDAR_EVENTS);

  /** All required by the Drive integration; {@code drive.readonly} also reads documents' text. */
  public static final Set<String> DRIVE = ordered(DRIVE_METADATA_READONLY, DRIVE_READONLY);

  private static final Set<String> ALL = union(BASE, GMAIL, CALENDAR, DRIVE);

  /**
   * Gmail in the registry: reads with gmail.readonly; sends, labels and contacts each apart. Drafts
   * (and so approvals, which are backed by a draft) need gmail.compose, which also allows sending.
   */
  public static final IntegrationScopes GMAIL_INTEGRATION =
      new IntegrationScopes(
          "gmail",
          GMAIL,
          Map.of(
              IntegrationScopes.CAN_READ,
              Set.of(GMAIL_READONLY),
              "canSend",
              Set.of(GMAIL_SEND, GMAIL_COMPOSE),
              "canCompose",
              Set.of(GMAIL_COMPOSE),
              "canManageLabels",
              Set.of(GMAIL_LABELS),
              "canReadContacts",
              Set.of(CONTACTS_READONLY)));

  /** Calendar in the registry: either scope reads, {@code calendar.events} writes. */
  public static final IntegrationScopes CALENDAR_INTEGRATION =
      new IntegrationScopes(
          "calendar",
          CALENDAR,
          Map.of(
              IntegrationScopes.CAN_READ,
              Set.of(CALENDAR_READONLY, CALENDAR_EVENTS),
              "canWrite",
              Set.of(CALENDAR_EVENTS)));

  /**
   * Drive in the registry: either scope lists files' metadata; only {@code drive.readonly} reads
   * their content (the text of documents, for search). Without it Drive has Limited Access and
   * still syncs metadata.
   */
  public static final IntegrationScopes DRIVE_INTEGRATION =
      new IntegrationScopes(
          "drive",
          DRIVE,
          Map.of(
              IntegrationScopes.CAN_READ,
              Set.of(DRIVE_METADATA_READONLY, DRIVE_READONLY),
              "canReadContent",
              Set.of(DRIVE_READONLY)));

  private static final Map<String, IntegrationScopes> INTEGRATIONS =
      Map.of(
          "gmail", GMAIL_INTEGRATION, "calendar", CALENDAR_INTEGRATION, "drive", DRIVE_INTEGRATION);

  /** The registry entry of an integration; only these scopes may ever be requested for it. */
  public static Optional<IntegrationScopes> forIntegration(String integration) {
    return Optional.ofNullable(INTEGRATIONS.get(integration));
  }

  /** BASE plus the integration's scopes: what a connect flow requests. */
  public static Set<String> requestedFor(IntegrationScopes integration) {
    return union(BASE, ordered(integration.required()));
  }

  private Scopes() {}

  /** Every scope Theo may ever request, in a stable order. */
  public static Set<String> all() {
    return ALL;
  }

  /** Whether Theo knows this scope; anything else must never be requested. */
  public static boolean isKnown(String scope) {
    return ALL.contains(scope);
  }

  public static boolean hasGmailReadAccess(Collection<String> granted) {
    return granted.contains(GMAIL_READONLY);
  }

  /** Label changes need {@code gmail.labels}. */
  public static boolean hasGmailWriteAccess(Collection<String> granted) {
    return granted.contains(GMAIL_LABELS);
  }

  public static boolean hasGmailSendAccess(Collection<String> granted) {
    return granted.contains(GMAIL_SEND);
  }

  /** {@code calendar.events} also allows reading events, so either scope grants read access. */
  public static boolean hasCalendarReadAccess(Collection<String> granted) {
    return granted.contains(CALENDAR_READONLY) || granted.contains(CALENDAR_EVENTS);
  }

  public static boolean hasCalendarWriteAccess(Collection<String> granted) {
    return granted.contains(CALENDAR_EVENTS);
  }

  /** The scopes of {@code required} not in {@code granted}, in {@code required}'s order. */
  public static Set<String> missing(Collection<String> required, Collection<String> granted) {
    Set<String> missing = new LinkedHashSet<>(required);
    missing.removeAll(granted);
    return Collections.unmodifiableSet(missing);
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> all = new LinkedHashSet<>();
    for (Set<String> set : sets) {
      all.addAll(set);
    }
    return Collections.unmodifiableSet(all);
  }

  private static Set<String> ordered(String... scopes) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(scopes)));
  }

  /** The given scopes in the registry's order (registry scopes first, others after). */
  static Set<String> ordered(Collection<String> scopes) {
    Set<String> result = new LinkedHashSet<>();
    ALL.stream().filter(scopes::contains).forEach(result::add);
    result.addAll(scopes);
    return Collections.unmodifiableSet(result);
  }
}
