package theo.emulator.people;

import com.google.api.services.people.v1.model.EmailAddress;
import com.google.api.services.people.v1.model.FieldMetadata;
import com.google.api.services.people.v1.model.ListConnectionsResponse;
import com.google.api.services.people.v1.model.ListOtherContactsResponse;
import com.google.api.services.people.v1.model.Name;
import com.google.api.services.people.v1.model.Organization;
import com.google.api.services.people.v1.model.Person;
import com.google.api.services.people.v1.model.PersonMetadata;
import com.google.api.services.people.v1.model.PhoneNumber;
import com.google.api.services.people.v1.model.Photo;
import com.google.api.services.people.v1.model.SearchResponse;
import com.google.api.services.people.v1.model.SearchResult;
import com.google.api.services.people.v1.model.Source;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import theo.emulator.AccessGrant;
import theo.emulator.Account;
import theo.emulator.EmulatorContext;
import theo.emulator.Surface;
import theo.emulator.http.ApiException;
import theo.emulator.http.GoogleErrors;
import theo.emulator.http.Request;
import theo.emulator.http.Response;
import theo.emulator.http.Router;
import theo.emulator.quota.QuotaCharges;
import theo.emulator.quota.QuotaLimiter;

/**
 * People API v1 ({@code people.connections.list}, {@code people.get}, {@code
 * people.searchContacts}, {@code otherContacts.list}) over each account's generated contacts, plus
 * the admin {@code POST /emulator/accounts/{email}/people/generate {count, otherContacts, seed}}
 * and {@code .../people/sync-tokens/expire}.
 */
public final class PeopleSurface implements Surface {
  private static final String SCOPE_PREFIX = "https://www.googleapis.com/auth/";
  static final Set<String> SCOPES =
      Set.of(SCOPE_PREFIX + "contacts.readonly", SCOPE_PREFIX + "contacts");
  static final Set<String> OTHER_CONTACTS_SCOPES = Set.of(SCOPE_PREFIX + "contacts.other.readonly");

  /** people.get accepts any of the contacts scopes, and the profile scopes for people/me. */
  static final Set<String> GET_SCOPES =
      Set.of(
          SCOPE_PREFIX + "contacts.readonly",
          SCOPE_PREFIX + "contacts",
          SCOPE_PREFIX + "contacts.other.readonly",
          SCOPE_PREFIX + "userinfo.profile",
          SCOPE_PREFIX + "userinfo.email",
          "profile",
          "email");

  /** The only fields a contact-sourced read mask may name (otherContacts, searchContacts). */
  private static final Set<String> CONTACT_READ_MASK_FIELDS =
      Set.of("emailAddresses", "metadata", "names", "phoneNumbers", "photos");

  private static final String EXPIRED_SYNC_TOKEN =
      "Sync token is expired. Clear local cache and retry call without the sync token.";
  private static final Set<String> PERSON_FIELDS =
      Set.of(
          "addresses",
          "ageRanges",
          "biographies",
          "birthdays",
          "calendarUrls",
          "clientData",
          "coverPhotos",
          "emailAddresses",
          "events",
          "externalIds",
          "genders",
          "imClients",
          "interests",
          "locales",
          "locations",
          "memberships",
          "metadata",
          "miscKeywords",
          "names",
          "nicknames",
          "occupations",
          "organizations",
          "phoneNumbers",
          "photos",
          "relations",
          "sipAddresses",
          "skills",
          "urls",
          "userDefined");

  /** Contact ids are "c" and digits; anything else is not a person resource name. */
  private static final Pattern CONTACT_ID = Pattern.compile("c[0-9]+");

  private final EmulatorContext context;
  private final ContactBooks contacts;
  private final QuotaLimiter quota;

  public PeopleSurface(EmulatorContext context, ContactBooks contacts) {
    this.context = context;
    this.contacts = contacts;
    // Google's "read requests per minute per user" is 90; one unit per request.
    this.quota = context.quotas().register("people", 90, 18_000);
  }

  @Override
  public void register(Router router) {
    router
        .get("/v1/people/{person}/connections", this::connections)
        .get("/v1/people/{person}", this::get)
        .get("/v1/people:searchContacts", this::searchContacts)
        .get("/v1/otherContacts", this::otherContacts)
        .post("/emulator/accounts/{email}/people/generate", this::generate)
        .post("/emulator/accounts/{email}/people/sync-tokens/expire", this::expireSyncTokens);
  }

  private Response connections(Request request) {
    AccessGrant grant = authorize(request, SCOPES);
    if (!"me".equals(request.pathVariable("person"))) {
      throw GoogleErrors.apiException(400, "badRequest", "resourceName must be people/me");
    }
    Set<String> fields = personFields(request, PERSON_FIELDS);
    ContactBooks.Book book = contacts.book(grant.account().email());
    Listing listing = listing(request, book, book.contacts(), "people/", fields, 100, 1000);
    ListConnectionsResponse response =
        new ListConnectionsResponse()
            .setTotalPeople(listing.total())
            .setTotalItems(listing.total())
            .setNextPageToken(listing.nextPageToken())
            .setNextSyncToken(listing.nextSyncToken());
    return Response.json(
        listing.page().isEmpty() ? response : response.setConnections(listing.page()));
  }

  /** {@code otherContacts.list}: the people the account exchanged mail with but did not save. */
  private Response otherContacts(Request request) {
    AccessGrant grant = authorize(request, OTHER_CONTACTS_SCOPES);
    Set<String> fields = readMask(request, CONTACT_READ_MASK_FIELDS);
    ContactBooks.Book book = contacts.book(grant.account().email());
    Listing listing =
        listing(request, book, book.otherContacts(), "otherContacts/", fields, 100, 1000);
    ListOtherContactsResponse response =
        new ListOtherContactsResponse()
            .setTotalSize(listing.total())
            .setNextPageToken(listing.nextPageToken())
            .setNextSyncToken(listing.nextSyncToken());
    return Response.json(
        listing.page().isEmpty() ? response : response.setOtherContacts(listing.page()));
  }

  /** One page of people, with Google's page and sync token rules. */
  private record Listing(
      List<Person> page, int total, String nextPageToken, String nextSyncToken) {}

  private static Listing listing(
      Request request,
      ContactBooks.Book book,
      List<Correspondents.Correspondent> all,
      String resourcePrefix,
      Set<String> fields,
      int defaultPageSize,
      int maxPageSize) {
    List<Correspondents.Correspondent> people = all;
    Optional<String> syncToken = request.query("syncToken").filter(value -> !value.isEmpty());
    if (syncToken.isPresent()) {
      if (!syncToken.get().equals(syncToken(book))) {
        throw expiredSyncToken();
      }
      people = List.of(); // nothing changed since that token
    }
    int pageSize = pageSize(request, defaultPageSize, maxPageSize);
    int start = offset(request.query("pageToken"));
    int end = Math.min(people.size(), start + pageSize);
    List<Person> page = new ArrayList<>();
    for (int i = start; i < end; i++) {
      page.add(person(people.get(i), resourcePrefix, fields));
    }
    String nextPageToken = end < people.size() ? encode("o" + end) : null;
    boolean wantsSyncToken =
        request.query("requestSyncToken").map(Boolean::parseBoolean).orElse(false)
            || syncToken.isPresent();
    String nextSyncToken = nextPageToken == null && wantsSyncToken ? syncToken(book) : null;
    return new Listing(page, people.size(), nextPageToken, nextSyncToken);
  }

  /**
   * Google's answer to a stale sync token: 400 {@code FAILED_PRECONDITION} whose ErrorInfo reason
   * {@code EXPIRED_SYNC_TOKEN} tells the client to list again without it.
   */
  private static ApiException expiredSyncToken() {
    return GoogleErrors.ApiError.of(400, "failedPrecondition", EXPIRED_SYNC_TOKEN)
        .status("FAILED_PRECONDITION")
        .info("EXPIRED_SYNC_TOKEN", "people.googleapis.com", "people.googleapis.com")
        .exception();
  }

  /** {@code people.get}: the signed-in user ({@code people/me}) or one of their contacts. */
  private Response get(Request request) {
    String id = request.pathVariable("person");
    AccessGrant grant = authorize(request, GET_SCOPES);
    Set<String> fields = personFields(request, PERSON_FIELDS);
    if ("me".equals(id) || grant.account().sub().equals(id)) {
      return Response.json(profile(grant.account(), fields));
    }
    if (!CONTACT_ID.matcher(id).matches()) {
      throw GoogleErrors.apiException(
          400, "badRequest", "Resource name \"people/" + id + "\" is not valid.");
    }
    if (!grant.hasAnyScope(SCOPES)) {
      throw GoogleErrors.apiException(
          403, "insufficientPermissions", "Request had insufficient authentication scopes.");
    }
    Correspondents.Correspondent contact =
        contacts.book(grant.account().email()).contacts().stream()
            .filter(candidate -> candidate.id().equals(id))
            .findFirst()
            .orElseThrow(
                () ->
                    GoogleErrors.apiException(404, "notFound", "Requested entity was not found."));
    return Response.json(person(contact, "people/", fields));
  }

  /**
   * {@code people.searchContacts}: contacts whose names, email addresses, phone numbers or
   * organisation start with the query (Google's prefix matching), at most 30.
   */
  private Response searchContacts(Request request) {
    AccessGrant grant = authorize(request, SCOPES);
    Set<String> fields = readMask(request, PERSON_FIELDS);
    String query = request.query("query").orElse("").trim().toLowerCase(Locale.ROOT);
    int pageSize = pageSize(request, 10, 30);
    SearchResponse response = new SearchResponse();
    if (query.isEmpty()) {
      return Response.json(response); // Google's "warm-up" request: an empty answer
    }
    List<SearchResult> results =
        contacts.book(grant.account().email()).contacts().stream()
            .filter(contact -> matches(contact, query))
            .limit(pageSize)
            .map(contact -> new SearchResult().setPerson(person(contact, "people/", fields)))
            .toList();
    return Response.json(results.isEmpty() ? response : response.setResults(results));
  }

  private static boolean matches(Correspondents.Correspondent contact, String query) {
    String digits = query.replaceAll("[^0-9+]", "");
    return Stream.of(
                contact.givenName(),
                contact.familyName(),
                contact.displayName(),
                contact.email(),
                contact.organisation())
            .map(value -> value.toLowerCase(Locale.ROOT))
            .anyMatch(
                value -> value.startsWith(query) || words(value).anyMatch(w -> w.startsWith(query)))
        || (!digits.isEmpty() && contact.phone().replaceAll("[^0-9+]", "").contains(digits));
  }

  private static Stream<String> words(String value) {
    return Stream.of(value.split("[\\s@.]+"));
  }

  private AccessGrant authorize(Request request, Set<String> scopes) {
    context.stats().increment("people.requests");
    AccessGrant grant = context.guard().require(request, scopes);
    QuotaCharges.charge(quota, context.stats(), "people", grant.account().email(), 1);
    return grant;
  }

  private Response expireSyncTokens(Request request) {
    Account account = account(request);
    contacts.expireSyncTokens(account.email());
    return Response.json(200, Map.of("expired", true));
  }

  /** Admin: {@code {count, otherContacts, seed}} made-up contacts and other contacts. */
  private Response generate(Request request) {
    Account account = account(request);
    Map<String, Object> body = request.jsonObject();
    int count = count(body, "count", 50);
    int others = count(body, "otherContacts", 0);
    long seed =
        body.get("seed") instanceof Number number
            ? number.longValue()
            : body.get("seed") instanceof String text ? Long.parseLong(text) : 1;
    contacts.replace(account.email(), Correspondents.generate(seed, count));
    // A different seed, so other contacts are other people (with ids of their own).
    contacts.replaceOther(account.email(), Correspondents.generate(~seed, others));
    return Response.json(200, Map.of("contacts", count, "otherContacts", others));
  }

  private static int count(Map<String, Object> body, String name, int fallback) {
    int count = body.get(name) instanceof Number number ? number.intValue() : fallback;
    if (count < 0 || count > 100_000) {
      throw new IllegalArgumentException(name + " must be between 0 and 100000");
    }
    return count;
  }

  private Account account(Request request) {
    String email = request.pathVariable("email");
    return context
        .accounts()
        .find(email)
        .orElseThrow(() -> GoogleErrors.apiException(404, "notFound", "No account " + email));
  }

  private static Set<String> personFields(Request request, Set<String> allowed) {
    return mask(
        "personFields",
        request.query("personFields").or(() -> request.query("requestMask.includeField")),
        allowed);
  }

  private static Set<String> readMask(Request request, Set<String> allowed) {
    return mask("readMask", request.query("readMask"), allowed);
  }

  /** A required field mask of person fields, each one of {@code allowed}. */
  private static Set<String> mask(String parameter, Optional<String> value, Set<String> allowed) {
    String mask =
        value
            .filter(text -> !text.isBlank())
            .orElseThrow(
                () ->
                    GoogleErrors.apiException(
                        400,
                        "badRequest",
                        parameter + " mask is required. Please specify one or more valid paths."));
    Set<String> fields = new LinkedHashSet<>();
    for (String field : mask.split(",")) {
      String name = field.trim().replaceFirst("^person\\.", "");
      if (!allowed.contains(name)) {
        throw GoogleErrors.apiException(
            400, "badRequest", "Invalid " + parameter + " mask path: \"" + name + "\".");
      }
      fields.add(name);
    }
    return fields;
  }

  private static int pageSize(Request request, int defaultSize, int maxSize) {
    Optional<String> value = request.query("pageSize");
    if (value.isEmpty()) {
      return defaultSize;
    }
    int size;
    try {
      size = Integer.parseInt(value.get());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid value for pageSize: " + value.get());
    }
    if (size < 0) {
      throw new IllegalArgumentException("pageSize must not be negative");
    }
    if (maxSize < 1000 && size > maxSize) {
      return maxSize; // searchContacts caps rather than refuses
    }
    if (size > maxSize) {
      throw new IllegalArgumentException("pageSize must be between 1 and " + maxSize);
    }
    return size == 0 ? defaultSize : size;
  }

  private static int offset(Optional<String> token) {
    if (token.isEmpty() || token.get().isEmpty()) {
      return 0;
    }
    try {
      String plain = new String(Base64.getUrlDecoder().decode(token.get()), StandardCharsets.UTF_8);
      if (plain.startsWith("o")) {
        return Integer.parseInt(plain.substring(1));
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw GoogleErrors.apiException(400, "badRequest", "Page token is not valid.");
  }

  private static String syncToken(ContactBooks.Book book) {
    return encode("s" + book.version());
  }

  private static String encode(String plain) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The signed-in user's own profile, as {@code people.get("people/me")} answers it. */
  private static Person profile(Account account, Set<String> fields) {
    FieldMetadata metadata =
        new FieldMetadata()
            .setPrimary(true)
            .setSource(new Source().setType("PROFILE").setId(account.sub()));
    Person person =
        new Person()
            .setResourceName("people/" + account.sub())
            .setEtag("%" + encode(account.sub() + account.email()));
    if (fields.contains("names")) {
      person.setNames(
          List.of(
              new Name()
                  .setMetadata(metadata)
                  .setDisplayName(account.name())
                  .setUnstructuredName(account.name())));
    }
    if (fields.contains("emailAddresses")) {
      person.setEmailAddresses(
          List.of(
              new EmailAddress()
                  .setMetadata(metadata.clone().setVerified(true))
                  .setValue(account.email())));
    }
    if (fields.contains("metadata")) {
      person.setMetadata(
          new PersonMetadata()
              .setSources(List.of(new Source().setType("PROFILE").setId(account.sub())))
              .setObjectType("PERSON"));
    }
    return person;
  }

  private static Person person(
      Correspondents.Correspondent contact, String resourcePrefix, Set<String> fields) {
    String sourceType = resourcePrefix.startsWith("otherContacts") ? "OTHER_CONTACT" : "CONTACT";
    FieldMetadata metadata =
        new FieldMetadata()
            .setPrimary(true)
            .setSource(new Source().setType(sourceType).setId(contact.id()));
    Person person =
        new Person()
            .setResourceName(resourcePrefix + contact.id())
            .setEtag("%" + encode(contact.id() + contact.email()));
    if (fields.contains("names")) {
      person.setNames(
          List.of(
              new Name()
                  .setMetadata(metadata)
                  .setDisplayName(contact.displayName())
                  .setGivenName(contact.givenName())
                  .setFamilyName(contact.familyName())
                  .setDisplayNameLastFirst(contact.familyName() + ", " + contact.givenName())
                  .setUnstructuredName(contact.displayName())));
    }
    if (fields.contains("emailAddresses")) {
      person.setEmailAddresses(
          List.of(
              new EmailAddress()
                  .setMetadata(metadata)
                  .setValue(contact.email())
                  .setType("work")
                  .setFormattedType("Work")));
    }
    if (fields.contains("phoneNumbers")) {
      person.setPhoneNumbers(
          List.of(
              new PhoneNumber()
                  .setMetadata(metadata)
                  .setValue(contact.phone())
                  .setCanonicalForm(contact.phone().replaceAll("[^+0-9]", ""))
                  .setType("mobile")
                  .setFormattedType("Mobile")));
    }
    if (fields.contains("organizations")) {
      person.setOrganizations(
          List.of(
              new Organization()
                  .setMetadata(metadata)
                  .setName(contact.organisation())
                  .setTitle(contact.title())));
    }
    if (fields.contains("photos")) {
      person.setPhotos(
          List.of(
              new Photo()
                  .setMetadata(metadata)
                  .setUrl("https://lh3.googleusercontent.com/a/default-user=s100")
                  .setDefault(true)));
    }
    if (fields.contains("metadata")) {
      person.setMetadata(
          new PersonMetadata()
              .setSources(
                  List.of(
                      new Source()
                          .setType(sourceType)
                          .setId(contact.id())
                          .setEtag("#" + encode(contact.id()))))
              .setObjectType("PERSON"));
    }
    return person;
  }
}
