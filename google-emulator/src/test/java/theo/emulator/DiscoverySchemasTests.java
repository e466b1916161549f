package theo.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The contract tests' validator finds each kind of departure from a discovery schema. */
class DiscoverySchemasTests {
  private final DiscoverySchemas gmail = DiscoverySchemas.load("gmail.v1.json");

  @Test
  void responseOfNamesTheSchemaAMethodAnswersWith() {
    assertThat(gmail.responseOf("gmail.users.labels.get")).isEqualTo("Label");
    assertThat(gmail.responseOf("gmail.users.history.list")).isEqualTo("ListHistoryResponse");
  }

  @Test
  void violationsWhenTheAnswerFitsThenNone() {
    assertThat(
            gmail.violations(
                "Message",
                "{\"id\":\"a1\",\"historyId\":\"42\",\"internalDate\":\"1700000000000\","
                    + "\"sizeEstimate\":12,\"labelIds\":[\"INBOX\"],"
                    + "\"payload\":{\"headers\":[{\"name\":\"To\",\"value\":\"x\"}]}}"))
        .isEmpty();
  }

  @Test
  void violationsWhenInt64IsANumberThenReported() {
    assertThat(gmail.violations("Message", "{\"historyId\":42}"))
        .singleElement()
        .asString()
        .contains("Message.historyId");
  }

  @Test
  void violationsWhenAKeyIsUndeclaredOrATypeIsWrongThenReported() {
    assertThat(gmail.violations("Message", "{\"threadID\":\"x\",\"sizeEstimate\":\"12\"}"))
        .hasSize(2)
        .anySatisfy(problem -> assertThat(problem).contains("threadID is not declared"))
        .anySatisfy(
            problem -> assertThat(problem).contains("sizeEstimate should be a JSON number"));
    assertThat(gmail.violations("Message", "{\"payload\":{\"headers\":{\"name\":\"To\"}}}"))
        .singleElement()
        .asString()
        .contains("should be an array");
  }

  @Test
  void violationsWhenAnEnumValueIsUnknownThenReported() {
    assertThat(gmail.violations("Label", "{\"type\":\"system\"}")).isEmpty();
    assertThat(gmail.violations("Label", "{\"type\":\"SYSTEM\"}"))
        .singleElement()
        .asString()
        .contains("is not one of");
  }
}
