package theo.emulator.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import theo.emulator.EmulatorFixture;

/** Every key the emulator answers is a property Google's discovery document declares. */
class GmailDiscoveryShapeTests {
  private static final String ALICE = "alice@example.com";

  private EmulatorFixture fixture;
  private String token;
  private JsonObject schemas;

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
    schemas = discovery("gmail.v1.json").getAsJsonObject("schemas");
    fixture.admin(
        "POST", "/emulator/accounts/" + ALICE + "/gmail/generate", Map.of("count", 120, "seed", 3));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  /** Walks up from the working directory to the first folder with shared/google-discovery. */
  static JsonObject discovery(String file) throws IOException {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("google-discovery").resolve(file);
      if (Files.isRegularFile(candidate)) {
        return new Gson().fromJson(Files.readString(candidate), JsonObject.class);
      }
    }
    throw new IllegalStateException(
        "No shared/google-discovery/" + file + " above " + Path.of("").toAbsolutePath());
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
    assertThat(problems).containsExactly("Message.payload.bogus is not declared by MessagePart");
  }

  private void check(String schemaName, JsonElement value, String where, List<String> problems) {
    JsonObject schema = schemas.getAsJsonObject(schemaName);
    checkAgainst(schema, value, where, problems);
  }

  private void checkAgainst(
      JsonObject schema, JsonElement value, String where, List<String> problems) {
    if (schema.has("$ref")) {
      check(schema.get("$ref").getAsString(), value, where, problems);
      return;
    }
    if (value.isJsonArray()) {
      JsonObject items = schema.getAsJsonObject("items");
      for (JsonElement item : value.getAsJsonArray()) {
        checkAgainst(items, item, where + "[]", problems);
      }
      return;
    }
    if (!value.isJsonObject()) {
      return;
    }
    JsonObject properties = schema.getAsJsonObject("properties");
    String name = schema.has("id") ? schema.get("id").getAsString() : "object";
    for (Map.Entry<String, JsonElement> entry : value.getAsJsonObject().entrySet()) {
      if (properties == null || !properties.has(entry.getKey())) {
        problems.add(where + "." + entry.getKey() + " is not declared by " + name);
        continue;
      }
      checkAgainst(
          properties.getAsJsonObject(entry.getKey()),
          entry.getValue(),
          where + "." + entry.getKey(),
          problems);
    }
  }
}
