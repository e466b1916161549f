package theo.emulator.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import theo.emulator.DiscoverySchemas;
import theo.emulator.EmulatorFixture;

/** Every key the emulator answers is a property Google's discovery document declares. */
class GmailDiscoveryShapeTests {
  private static final String ALICE = "alice@example.com";

  private EmulatorFixture fixture;
  private String token;
  private DiscoverySchemas schemas;

  @BeforeEach
  void start() throws IOException {
    fixture = new EmulatorFixture();
    fixture
        .emulator()
        .context()
        .quotas()
        .find("gmail")
        .orElseThrow()
        .setLimits(1_000_000, 1_000_000);
    token = fixture.token(ALICE, EmulatorFixture.GMAIL_READONLY);
    schemas = DiscoverySchemas.load("gmail.v1.json");
    fixture.admin(
        "POST", "/emulator/accounts/" + ALICE + "/gmail/generate", Map.of("count", 120, "seed", 3));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private JsonObject get(String path) {
    EmulatorFixture.Answer answer = fixture.call("GET", path, null, token);
    assertThat(answer.status()).as(path).isEqualTo(200);
    return new Gson().fromJson(answer.body(), JsonObject.class);
  }

  @Test
  void responsesWhenComparedWithDiscoveryThenEveryKeyIsADeclaredProperty() {
    JsonObject list = get("/gmail/v1/users/me/messages?maxResults=50&includeSpamTrash=true");
    List<String> problems = new ArrayList<>();
    check("ListMessagesResponse", list, "ListMessagesResponse", problems);
    String mixedId = null;
    for (JsonElement reference : list.getAsJsonArray("messages")) {
      String id = reference.getAsJsonObject().get("id").getAsString();
      for (String format : List.of("full", "metadata", "minimal", "raw")) {
        JsonObject message = get("/gmail/v1/users/me/messages/" + id + "?format=" + format);
        check("Message", message, "Message(" + format + ")", problems);
        if (format.equals("full")
            && message
                .getAsJsonObject("payload")
                .get("mimeType")
                .getAsString()
                .equals("multipart/mixed")) {
          mixedId = id;
        }
      }
    }
    check("Profile", get("/gmail/v1/users/me/profile"), "Profile", problems);
    check("ListLabelsResponse", get("/gmail/v1/users/me/labels"), "ListLabelsResponse", problems);
    String threadId =
        list.getAsJsonArray("messages").get(0).getAsJsonObject().get("threadId").getAsString();
    check("Thread", get("/gmail/v1/users/me/threads/" + threadId), "Thread", problems);
    assertThat(mixedId).as("a message with an attachment among the first 50").isNotNull();
    JsonObject full = get("/gmail/v1/users/me/messages/" + mixedId + "?format=full");
    String attachmentId =
        full.getAsJsonObject("payload")
            .getAsJsonArray("parts")
            .get(1)
            .getAsJsonObject()
            .getAsJsonObject("body")
            .get("attachmentId")
            .getAsString();
    check(
        "MessagePartBody",
        get("/gmail/v1/users/me/messages/" + mixedId + "/attachments/" + attachmentId),
        "MessagePartBody",
        problems);

    String start = get("/gmail/v1/users/me/profile").get("historyId").getAsString();
    String id = list.getAsJsonArray("messages").get(0).getAsJsonObject().get("id").getAsString();
    fixture.admin(
        "POST",
        "/emulator/accounts/" + ALICE + "/gmail/messages",
        Map.of("subject", "s", "body", "b"));
    fixture.admin(
        "POST",
        "/emulator/accounts/" + ALICE + "/gmail/messages/" + id + "/modify",
        Map.of("addLabelIds", List.of("STARRED"), "removeLabelIds", List.of("INBOX")));
    fixture.admin("DELETE", "/emulator/accounts/" + ALICE + "/gmail/messages/" + id, null);
    JsonObject history = get("/gmail/v1/users/me/history?startHistoryId=" + start);
    assertThat(history.getAsJsonArray("history")).hasSize(3);
    check("ListHistoryResponse", history, "ListHistoryResponse", problems);

    assertThat(problems).isEmpty();
  }

  @Test
  void checkWhenUndeclaredKeyThenReported() {
    List<String> problems = new ArrayList<>();
    JsonObject message =
        new Gson().fromJson("{\"id\":\"1\",\"payload\":{\"bogus\":1}}", JsonObject.class);
    check("Message", message, "Message", problems);
    assertThat(problems)
        .containsExactly("Message: Message.payload.bogus is not declared by MessagePart");
  }

  private void check(String schemaName, JsonObject value, String where, List<String> problems) {
    for (String problem : schemas.undeclaredKeys(schemaName, value.toString())) {
      problems.add(where + ": " + problem);
    }
  }
}
