package theo.emulator.people;

import com.google.api.services.people.v1.model.EmailAddress;
import com.google.api.services.people.v1.model.FieldMetadata;
import com.google.api.services.people.v1.model.ListConnectionsResponse;
import com.google.api.services.people.v1.model.Name;
import com.google.api.services.people.v1.model.Organization;
import com.google.api.services.people.v1.model.Person;
import com.google.api.services.people.v1.model.PhoneNumber;
import com.google.api.services.people.v1.model.Photo;
import com.google.api.services.people.v1.model.Source;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import theo.emulator.AccessGrant;
import theo.emulator.Account;
import theo.emulator.EmulatorContext;
import theo.emulator.Surface;
import theo.emulator.http.GoogleErrors;
import theo.emulator.http.Request;
import theo.emulator.http.Response;
import theo.emulator.http.Router;
import theo.emulator.quota.QuotaCharges;
import theo.emulator.quota.QuotaLimiter;

/**
 * People API v1 {@code people.connections.list} over each account's generated contacts, plus the
 * admin {@code POST /emulator/accounts/{email}/people/generate {count, seed}}.
 */
public final class PeopleSurface implements Surface {
  static final Set<String> SCOPES =
      Set.of(
          "https://www.googleapis.com/auth/contacts.readonly",
          "https://www.googleapis.com/auth/contacts");
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
        .post("/emulator/accounts/{email}/people/generate", this::generate);
  }

  private Response connections(Request request) {
    context.stats().increment("people.requests");
    AccessGrant grant = context.guard().require(request, SCOPES);
    if (!"me".equals(request.pathVariable("person"))) {
      throw GoogleErrors.apiException(400, "badRequest", "resourceName must be people/me");
    }
    QuotaCharges.charge(quota, context.stats(), "people", grant.account().email(), 1);
    Set<String> fields = personFields(request);
    int pageSize = pageSize(request);
    ContactBooks.Book book = contacts.book(grant.account().email());
    List<Correspondents.Correspondent> people = book.contacts();
    Optional<String> syncToken = request.query("syncToken").filter(value -> !value.isEmpty());
    if (syncToken.isPresent()) {
      if (!syncToken.get().equals(syncToken(book))) {
        throw GoogleErrors.apiException(
            400,
            "failedPrecondition",
            "Sync token is expired. Clear local cache and retry call without the sync token.");
      }
      people = List.of(); // nothing changed since that token
    }
    int start = offset(request.query("pageToken"));
    int end = Math.min(people.size(), start + pageSize);
    List<Person> page = new ArrayList<>();
    for (int i = start; i < end; i++) {
      page.add(person(people.get(i), fields));
    }
    ListConnectionsResponse response =
        new ListConnectionsResponse().setTotalPeople(people.size()).setTotalItems(people.size());
    if (!page.isEmpty()) {
      response.setConnections(page);
    }
    if (end < people.size()) {
      response.setNextPageToken(encode("o" + end));
    } else if (request.query("requestSyncToken").map(Boolean::parseBoolean).orElse(false)
        || syncToken.isPresent()) {
      response.setNextSyncToken(syncToken(book));
    }
    return Response.json(response);
  }

  private Response generate(Request request) {
    String email = request.pathVariable("email");
    Account account =
        context
            .accounts()
            .find(email)
            .orElseThrow(() -> GoogleErrors.apiException(404, "notFound", "No account " + email));
    Map<String, Object> body = request.jsonObject();
    int count = body.get("count") instanceof Number number ? number.intValue() : 50;
    if (count < 0 || count > 100_000) {
      throw new IllegalArgumentException("count must be between 0 and 100000");
    }
    long seed =
        body.get("seed") instanceof Number number
            ? number.longValue()
            : body.get("seed") instanceof String text ? Long.parseLong(text) : 1;
    contacts.replace(account.email(), Correspondents.generate(seed, count));
    return Response.json(200, Map.of("contacts", count));
  }

  private static Set<String> personFields(Request request) {
    String mask =
        request
            .query("personFields")
            .or(() -> request.query("requestMask.includeField"))
            .filter(value -> !value.isBlank())
            .orElseThrow(
                () ->
                    GoogleErrors.apiException(
                        400,
                        "badRequest",
                        "personFields mask is required. Please specify one or more valid paths."));
    Set<String> fields = new LinkedHashSet<>();
    for (String field : mask.split(",")) {
      String name = field.trim().replaceFirst("^person\\.", "");
      if (!PERSON_FIELDS.contains(name)) {
        throw GoogleErrors.apiException(
            400, "badRequest", "Invalid personFields mask path: \"" + name + "\".");
      }
      fields.add(name);
    }
    return fields;
  }

  private static int pageSize(Request request) {
    Optional<String> value = request.query("pageSize");
    if (value.isEmpty()) {
      return 100;
    }
    int size;
    try {
      size = Integer.parseInt(value.get());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid value for pageSize: " + value.get());
    }
    if (size < 0 || size > 1000) {
      throw new IllegalArgumentException("pageSize must be between 1 and 1000");
    }
    return size == 0 ? 100 : size;
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

  private static Person person(Correspondents.Correspondent contact, Set<String> fields) {
    FieldMetadata metadata =
        new FieldMetadata()
            .setPrimary(true)
            .setSource(new Source().setType("CONTACT").setId(contact.id()));
    Person person =
        new Person()
            .setResourceName("people/" + contact.id())
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
    return person;
  }
}
