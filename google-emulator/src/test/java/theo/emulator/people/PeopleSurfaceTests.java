package theo.emulator.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.people.v1.PeopleService;
import com.google.api.services.people.v1.model.ListConnectionsResponse;
import com.google.api.services.people.v1.model.Person;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import theo.emulator.DiscoverySchemas;
import theo.emulator.EmulatorFixture;

class PeopleSurfaceTests {
  private static final String ALICE = "alice@example.com";

  private EmulatorFixture fixture;
  private PeopleService people;

  @BeforeEach
  void start() {
    fixture = new EmulatorFixture();
    people = fixture.people(fixture.token(ALICE, EmulatorFixture.CONTACTS_READONLY));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private List<Person> listAll(int pageSize, String fields) throws IOException {
    List<Person> all = new ArrayList<>();
    String pageToken = null;
    int pages = 0;
    do {
      ListConnectionsResponse page =
          people
              .people()
              .connections()
              .list("people/me")
              .setPersonFields(fields)
              .setPageSize(pageSize)
              .setPageToken(pageToken)
              .execute();
      assertThat(page.getTotalPeople()).isEqualTo(50);
      all.addAll(page.getConnections());
      pageToken = page.getNextPageToken();
      pages++;
    } while (pageToken != null && pages < 100);
    return all;
  }

  @Test
  void connectionsListWhenPagingThenEveryContactOnceWithTheRequestedFields() throws IOException {
    assertThat(
            fixture
                .admin(
                    "POST",
                    "/emulator/accounts/" + ALICE + "/people/generate",
                    Map.of("count", 50, "seed", 5))
                .status())
        .isEqualTo(200);

    List<Person> all = listAll(7, "names,emailAddresses");

    assertThat(all).hasSize(50);
    assertThat(all)
        .extracting(Person::getResourceName)
        .doesNotHaveDuplicates()
        .allMatch(name -> name.startsWith("people/c"));
    assertThat(all)
        .allSatisfy(
            person -> {
              assertThat(person.getEtag()).isNotBlank();
              assertThat(person.getNames().get(0).getDisplayName()).isNotBlank();
              assertThat(person.getEmailAddresses().get(0).getValue()).contains("@");
              assertThat(person.getPhoneNumbers()).isNull();
              assertThat(person.getOrganizations()).isNull();
            });
    Person full =
        people
            .people()
            .connections()
            .list("people/me")
            .setPersonFields("names,emailAddresses,phoneNumbers,organizations,photos")
            .execute()
            .getConnections()
            .get(0);
    assertThat(full.getPhoneNumbers().get(0).getValue()).startsWith("+1");
    assertThat(full.getOrganizations().get(0).getName()).isNotBlank();
    assertThat(full.getPhotos().get(0).getUrl()).startsWith("https://");
  }

  @Test
  void connectionsListWhenComparedWithDiscoveryThenEveryKeyIsADeclaredProperty() {
    fixture.admin(
        "POST", "/emulator/accounts/" + ALICE + "/people/generate", Map.of("count", 5, "seed", 5));
    String token = fixture.token(ALICE, EmulatorFixture.CONTACTS_READONLY);
    EmulatorFixture.Answer answer =
        fixture.call(
            "GET",
            "/v1/people/me/connections?pageSize=2&requestSyncToken=true"
                + "&personFields=names,emailAddresses,phoneNumbers,organizations,photos",
            null,
            token);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json())
        .containsKeys("connections", "nextPageToken", "totalPeople", "totalItems");
    assertThat(
            DiscoverySchemas.load("people.v1.json")
                .undeclaredKeys("ListConnectionsResponse", answer.body()))
        .isEmpty();
  }

  @Test
  void connectionsListWhenPersonFieldsMissingOrUnknownThenBadRequest() {
    assertThatThrownBy(() -> people.people().connections().list("people/me").execute())
        .isInstanceOf(GoogleJsonResponseException.class)
        .satisfies(
            e -> assertThat(((GoogleJsonResponseException) e).getStatusCode()).isEqualTo(400));
    assertThatThrownBy(
            () ->
                people
                    .people()
                    .connections()
                    .list("people/me")
                    .setPersonFields("names,shoeSize")
                    .execute())
        .isInstanceOf(GoogleJsonResponseException.class)
        .satisfies(
            e -> assertThat(((GoogleJsonResponseException) e).getStatusCode()).isEqualTo(400));
  }

  @Test
  void connectionsListWhenMailboxGeneratedThenContactsAreTheCorrespondents() throws IOException {
    fixture.admin(
        "POST",
        "/emulator/accounts/" + ALICE + "/gmail/generate",
        Map.of("count", 200, "seed", 12));
    ListConnectionsResponse page =
        people
            .people()
            .connections()
            .list("people/me")
            .setPersonFields("emailAddresses")
            .setPageSize(1000)
            .execute();
    assertThat(page.getConnections()).isNotEmpty();
    String someone = page.getConnections().get(0).getEmailAddresses().get(0).getValue();
    var gmail = fixture.gmail(fixture.token(ALICE, EmulatorFixture.GMAIL_READONLY));
    fixture
        .emulator()
        .context()
        .quotas()
        .find("gmail")
        .orElseThrow()
        .setLimits(1_000_000, 1_000_000);
    int found = 0;
    for (Person person : page.getConnections()) {
      String email = person.getEmailAddresses().get(0).getValue();
      Long matches =
          gmail
              .users()
              .messages()
              .list("me")
              .setQ("from:" + email)
              .setIncludeSpamTrash(true)
              .execute()
              .getResultSizeEstimate();
      found += matches > 0 ? 1 : 0;
    }
    assertThat(someone).contains("@");
    assertThat(found).isGreaterThan(page.getConnections().size() / 2);
  }

  @Test
  void connectionsListWhenSyncTokenRequestedThenUnchangedBookAnswersNothingAndChangedBookExpires()
      throws IOException {
    fixture.admin(
        "POST", "/emulator/accounts/" + ALICE + "/people/generate", Map.of("count", 3, "seed", 1));
    ListConnectionsResponse first =
        people
            .people()
            .connections()
            .list("people/me")
            .setPersonFields("names")
            .setRequestSyncToken(true)
            .execute();
    assertThat(first.getConnections()).hasSize(3);
    assertThat(first.getNextSyncToken()).isNotBlank();

    ListConnectionsResponse again =
        people
            .people()
            .connections()
            .list("people/me")
            .setPersonFields("names")
            .setSyncToken(first.getNextSyncToken())
            .execute();
    assertThat(again.getConnections()).isNull();

    fixture.admin(
        "POST", "/emulator/accounts/" + ALICE + "/people/generate", Map.of("count", 4, "seed", 2));
    assertThatThrownBy(
            () ->
                people
                    .people()
                    .connections()
                    .list("people/me")
                    .setPersonFields("names")
                    .setSyncToken(first.getNextSyncToken())
                    .execute())
        .isInstanceOf(GoogleJsonResponseException.class)
        .satisfies(
            e -> assertThat(((GoogleJsonResponseException) e).getStatusCode()).isEqualTo(400));
  }

  @Test
  void connectionsListWhenGmailScopeOnlyThenForbidden() {
    PeopleService gmailOnly = fixture.people(fixture.token(ALICE, EmulatorFixture.GMAIL_READONLY));
    assertThatThrownBy(
            () ->
                gmailOnly
                    .people()
                    .connections()
                    .list("people/me")
                    .setPersonFields("names")
                    .execute())
        .isInstanceOf(GoogleJsonResponseException.class)
        .satisfies(
            e -> assertThat(((GoogleJsonResponseException) e).getStatusCode()).isEqualTo(403));
  }

  @Test
  void generateWhenSameSeedThenSameContacts() {
    assertThat(Correspondents.generate(9, 40)).isEqualTo(Correspondents.generate(9, 40));
    assertThat(Correspondents.generate(9, 40)).isNotEqualTo(Correspondents.generate(10, 40));
    assertThat(Correspondents.generate(9, 500))
        .extracting(Correspondents.Correspondent::email)
        .doesNotHaveDuplicates();
  }
}
