package theo.emulator.people;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.googleapis.services.AbstractGoogleClientRequest;
import com.google.api.services.people.v1.PeopleService;
import com.google.api.services.people.v1.model.ListConnectionsResponse;
import com.google.api.services.people.v1.model.ListOtherContactsResponse;
import com.google.api.services.people.v1.model.Person;
import com.google.api.services.people.v1.model.SearchResponse;
import com.google.api.services.people.v1.model.SearchResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import theo.emulator.DiscoverySchemas;
import theo.emulator.EmulatorFixture;

/**
 * Every emulated People method driven through Google's own Java client, each answer validated
 * against Google's discovery document, then the behaviours one by one: people/me, contacts by
 * resource name, search, other contacts, and sync tokens that go stale.
 */
class PeopleContractTests {
  private static final String ALICE = "alice@example.com";
  private static final String OTHER_CONTACTS =
      "https://www.googleapis.com/auth/contacts.other.readonly";
  private static final Set<String> EMULATED =
      Set.of(
          "people.people.connections.list",
          "people.people.get",
          "people.people.searchContacts",
          "people.otherContacts.list");

  private final DiscoverySchemas schemas = DiscoverySchemas.load("people.v1.json");
  private final Set<String> validated = new LinkedHashSet<>();
  private EmulatorFixture fixture;
  private PeopleService people;

  @BeforeEach
  void start() {
    fixture = new EmulatorFixture();
    assertThat(
            fixture
                .admin(
                    "POST",
                    "/emulator/accounts/" + ALICE + "/people/generate",
                    Map.of("count", 40, "otherContacts", 12, "seed", 3))
                .status())
        .isEqualTo(200);
    people =
        fixture.people(fixture.token(ALICE, EmulatorFixture.CONTACTS_READONLY, OTHER_CONTACTS));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private String conforms(AbstractGoogleClientRequest<?> request, String methodId)
      throws IOException {
    String json = request.executeUnparsed().parseAsString();
    assertThat(schemas.violations(schemas.responseOf(methodId), json)).as(methodId).isEmpty();
    validated.add(methodId);
    return json;
  }

  @Test
  void everyEmulatedMethodAnswersWhatTheDiscoveryDocumentDeclares() throws IOException {
    String everyField = "names,emailAddresses,phoneNumbers,organizations,photos,metadata";
    conforms(
        people
            .people()
            .connections()
            .list("people/me")
            .setPersonFields(everyField)
            .setRequestSyncToken(true),
        "people.people.connections.list");
    conforms(people.people().get("people/me").setPersonFields(everyField), "people.people.get");
    String contact =
        people
            .people()
            .connections()
            .list("people/me")
            .setPersonFields("names")
            .execute()
            .getConnections()
            .get(0)
            .getResourceName();
    conforms(people.people().get(contact).setPersonFields(everyField), "people.people.get");
    conforms(
        people.people().searchContacts().setQuery("a").setReadMask(everyField),
        "people.people.searchContacts");
    conforms(
        people
            .otherContacts()
            .list()
            .setReadMask("names,emailAddresses,metadata")
            .setRequestSyncToken(true),
        "people.otherContacts.list");

    assertThat(validated).containsExactlyInAnyOrderElementsOf(EMULATED);
  }

  @Test
  void getAnswersTheSignedInUserForPeopleMeAndAContactByResourceName() throws IOException {
    Person me = people.people().get("people/me").setPersonFields("names,emailAddresses").execute();
    assertThat(me.getResourceName()).matches("people/[0-9]+");
    assertThat(me.getEmailAddresses()).extracting(e -> e.getValue()).containsExactly(ALICE);
    assertThat(me.getNames().get(0).getMetadata().getSource().getType()).isEqualTo("PROFILE");

    Person listed =
        people
            .people()
            .connections()
            .list("people/me")
            .setPersonFields("names,emailAddresses")
            .execute()
            .getConnections()
            .get(3);
    Person got =
        people
            .people()
            .get(listed.getResourceName())
            .setPersonFields("names,emailAddresses")
            .execute();
    assertThat(got).isEqualTo(listed);

    assertStatus(() -> people.people().get("people/c1").setPersonFields("names").execute(), 404);
    assertStatus(
        () -> people.people().get("people/not valid").setPersonFields("names").execute(), 400);
    assertStatus(() -> people.people().get("people/me").execute(), 400);
  }

  @Test
  void searchContactsMatchesNamesAndCapsAtThirty() throws IOException {
    List<Person> all =
        people
            .people()
            .connections()
            .list("people/me")
            .setPersonFields("names,emailAddresses")
            .execute()
            .getConnections();
    String given = all.get(0).getNames().get(0).getGivenName();
    SearchResponse found =
        people
            .people()
            .searchContacts()
            .setQuery(given.toLowerCase())
            .setReadMask("names")
            .execute();
    assertThat(found.getResults())
        .isNotEmpty()
        .extracting(SearchResult::getPerson)
        .allSatisfy(
            person ->
                assertThat(person.getNames().get(0).getDisplayName()).containsIgnoringCase(given));
    assertThat(
            people
                .people()
                .searchContacts()
                .setQuery("zzzzqq")
                .setReadMask("names")
                .execute()
                .getResults())
        .isNull();
    assertThat(
            people
                .people()
                .searchContacts()
                .setQuery("")
                .setReadMask("names")
                .execute()
                .getResults())
        .isNull();
    SearchResponse capped =
        people
            .people()
            .searchContacts()
            .setQuery("a")
            .setReadMask("names")
            .setPageSize(100)
            .execute();
    assertThat(capped.getResults().size()).isLessThanOrEqualTo(30);
  }

  @Test
  void otherContactsListPagesTheOtherContactsAndRefusesProfileFields() throws IOException {
    List<Person> all = new ArrayList<>();
    String pageToken = null;
    do {
      ListOtherContactsResponse page =
          people
              .otherContacts()
              .list()
              .setReadMask("names,emailAddresses")
              .setPageSize(5)
              .setPageToken(pageToken)
              .execute();
      all.addAll(page.getOtherContacts());
      assertThat(page.getTotalSize()).isEqualTo(12);
      pageToken = page.getNextPageToken();
    } while (pageToken != null);
    assertThat(all)
        .hasSize(12)
        .extracting(Person::getResourceName)
        .doesNotHaveDuplicates()
        .allMatch(name -> name.startsWith("otherContacts/c"));

    assertStatus(() -> people.otherContacts().list().setReadMask("organizations").execute(), 400);
    PeopleService contactsOnly =
        fixture.people(fixture.token(ALICE, EmulatorFixture.CONTACTS_READONLY));
    assertStatus(() -> contactsOnly.otherContacts().list().setReadMask("names").execute(), 403);
  }

  @Test
  void syncTokensGoStaleWhenExpiredOnDemandOrWhenTheContactsAreRegenerated() throws IOException {
    String token = fullSync();
    ListConnectionsResponse unchanged =
        people
            .people()
            .connections()
            .list("people/me")
            .setPersonFields("names")
            .setSyncToken(token)
            .execute();
    assertThat(unchanged.getConnections()).isNull();
    assertThat(unchanged.getNextSyncToken()).isEqualTo(token);

    assertThat(
            fixture
                .admin("POST", "/emulator/accounts/" + ALICE + "/people/sync-tokens/expire", null)
                .status())
        .isEqualTo(200);
    assertExpired(token);

    String fresh = fullSync();
    fixture.admin(
        "POST", "/emulator/accounts/" + ALICE + "/people/generate", Map.of("count", 5, "seed", 9));
    assertExpired(fresh);
    assertThat(fullSync()).isNotBlank();
  }

  private String fullSync() throws IOException {
    String pageToken = null;
    ListConnectionsResponse page;
    do {
      page =
          people
              .people()
              .connections()
              .list("people/me")
              .setPersonFields("names")
              .setRequestSyncToken(true)
              .setPageToken(pageToken)
              .execute();
      pageToken = page.getNextPageToken();
    } while (pageToken != null);
    return page.getNextSyncToken();
  }

  /** Google's answer to a stale token, as its People documentation describes it. */
  private void assertExpired(String token) {
    GoogleJsonResponseException e =
        catchGoogle(
            () ->
                people
                    .people()
                    .connections()
                    .list("people/me")
                    .setPersonFields("names")
                    .setSyncToken(token)
                    .execute());
    assertThat(e.getStatusCode()).isEqualTo(400);
    assertThat(e.getDetails().get("status")).isEqualTo("FAILED_PRECONDITION");
    assertThat(e.getDetails().getMessage()).startsWith("Sync token is expired.");
    assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("failedPrecondition");
    assertThat(e.getDetails().getDetails())
        .singleElement()
        .satisfies(
            detail -> {
              assertThat(detail.getType()).isEqualTo("type.googleapis.com/google.rpc.ErrorInfo");
              assertThat(detail.getReason()).isEqualTo("EXPIRED_SYNC_TOKEN");
              assertThat(detail.get("domain")).isEqualTo("people.googleapis.com");
            });
  }

  private interface Call {
    Object run() throws IOException;
  }

  private static GoogleJsonResponseException catchGoogle(Call call) {
    try {
      call.run();
    } catch (GoogleJsonResponseException e) {
      return e;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected an error answer");
  }

  private static void assertStatus(Call call, int status) {
    assertThat(catchGoogle(call).getStatusCode()).isEqualTo(status);
  }
}
