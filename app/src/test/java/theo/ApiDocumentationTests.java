package theo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import theo.emulator.GoogleEmulator;
import tools.jackson.databind.JsonNode;

/**
 * The API as documented against the API as built: app/README.md's route index lists exactly the
 * handler methods Spring maps, and the OpenAPI document springdoc generates from the answer records
 * has the fields the README's API tables name.
 */
@TheoTest
class ApiDocumentationTests {
  private static final Path README = Path.of("README.md");
  private static final Pattern INDEX_ROW =
      Pattern.compile("^\\| `([A-Z]+) ([^`]+)` \\| `([A-Za-z.]+)#([A-Za-z]+)` \\|");

  @LocalServerPort int port;
  @Autowired GoogleEmulator emulator;
  @Autowired JdbcClient jdbc;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void routeIndexListsEveryHandlerMethodAndNothingElse() throws IOException {
    Set<String> mapped = new TreeSet<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
        mappings.getHandlerMethods().entrySet()) {
      HandlerMethod handler = entry.getValue();
      String type = handler.getBeanType().getName();
      if (!type.startsWith("theo.")) {
        continue; // Spring's and springdoc's own endpoints
      }
      String target =
          type.substring("theo.".length()).replace('$', '.') + "#" + handler.getMethod().getName();
      Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
      for (String path : entry.getKey().getPatternValues()) {
        if (methods.isEmpty()) {
          mapped.add("ANY " + path + " -> " + target);
        }
        for (RequestMethod method : methods) {
          mapped.add(method + " " + path + " -> " + target);
        }
      }
    }
    Set<String> indexed = new TreeSet<>();
    for (String line : section(Files.readAllLines(README), "## Route index")) {
      Matcher row = INDEX_ROW.matcher(line);
      if (row.find()) {
        indexed.add(row.group(1) + " " + row.group(2) + " -> " + row.group(3) + "#" + row.group(4));
      }
    }
    assertThat(indexed)
        .as("app/README.md's route index against the handler methods")
        .containsExactlyInAnyOrderElementsOf(mapped);
  }

  @Test
  void openApiAnswersHaveTheFieldsTheReadmeDocuments() throws IOException {
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(new TestAccounts(emulator, jdbc).create("api-docs"));
    GoogleBrowser.Response docs = browser.get("/v3/api-docs");
    assertThat(docs.status()).isEqualTo(200);
    JsonNode api = docs.json();
    List<String> readme = Files.readAllLines(README);

    for (String endpoint :
        List.of(
            "GET /api/integrations/status",
            "GET /api/integrations/{integration}/connect",
            "DELETE` (or `POST`) `/api/integrations/{integration}/disconnect",
            "GET /api/integrations/{integration}/sync",
            "POST /api/integrations/{integration}/sync",
            "DELETE /api/integrations/{integration}/sync",
            "GET /api/integrations/{integration}/approvals",
            "GET /api/integrations/{integration}/approvals/{id}",
            "POST /api/integrations/calendar/events",
            "GET /api/audit")) {
      String method = endpoint.substring(0, endpoint.indexOf(' ')).replace("`", "");
      String path = endpoint.substring(endpoint.indexOf("/api")).replace("`", "");
      assertThat(properties(api, answerSchema(api, path, method)))
          .as("%s answer in OpenAPI against app/README.md", endpoint)
          .containsExactlyInAnyOrderElementsOf(documentedKeys(readme, "`" + endpoint));
    }
    assertThat(properties(api, schema(api, "SyncStatus")))
        .contains("history")
        .doesNotContain("recentRuns");
  }

  /** The resolved schema of the 2xx answer of {@code method path}. */
  private static JsonNode answerSchema(JsonNode api, String path, String method) {
    JsonNode responses =
        api.path("paths").path(path).path(method.toLowerCase(Locale.ROOT)).path("responses");
    assertThat(responses.isMissingNode()).as("%s %s in OpenAPI", method, path).isFalse();
    for (String status : List.of("200", "201", "202")) {
      JsonNode content = responses.path(status).path("content");
      Iterator<JsonNode> types = content.iterator();
      if (types.hasNext()) {
        return resolve(api, types.next().path("schema"));
      }
    }
    throw new AssertionError("No answer schema for " + method + " " + path + ": " + responses);
  }

  private static JsonNode resolve(JsonNode api, JsonNode schema) {
    String ref = schema.path("$ref").asString("");
    return ref.isEmpty() ? schema : schema(api, ref.substring(ref.lastIndexOf('/') + 1));
  }

  private static JsonNode schema(JsonNode api, String name) {
    JsonNode schema = api.path("components").path("schemas").path(name);
    assertThat(schema.isMissingNode()).as("schema %s", name).isFalse();
    return schema;
  }

  private static Set<String> properties(JsonNode api, JsonNode schema) {
    Set<String> names = new TreeSet<>();
    schema.path("properties").propertyNames().forEach(names::add);
    return names;
  }

  /** The top-level keys of the first {@code {...}} in the README row of {@code endpoint}. */
  private static Set<String> documentedKeys(List<String> readme, String endpoint) {
    String row =
        readme.stream()
            .filter(line -> line.startsWith("| " + endpoint))
            .findFirst()
            .orElseThrow(() -> new AssertionError("No README row for " + endpoint));
    String[] cells = row.split("(?<!\\\\)\\|");
    String answer = cells[cells.length - 1];
    int open = answer.indexOf('{');
    Set<String> keys = new TreeSet<>();
    int depth = 0;
    StringBuilder key = new StringBuilder();
    boolean inKey = true;
    for (int i = open + 1; i < answer.length(); i++) {
      char c = answer.charAt(i);
      if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {
          break;
        }
        depth--;
      } else if (depth == 0 && c == ',') {
        add(keys, key);
        inKey = true;
      } else if (depth == 0 && c == ':') {
        inKey = false;
      } else if (depth == 0 && inKey) {
        key.append(c);
      }
    }
    add(keys, key);
    return keys;
  }

  private static void add(Set<String> keys, StringBuilder key) {
    String name = key.toString().replace("?", "").replace("`", "").trim();
    if (!name.isEmpty() && !name.contains(" ")) {
      keys.add(name);
    }
    key.setLength(0);
  }

  private static List<String> section(List<String> lines, String heading) {
    List<String> section = new ArrayList<>();
    boolean in = false;
    for (String line : lines) {
      if (line.startsWith("## ")) {
        in = line.equals(heading);
      } else if (in) {
        section.add(line);
      }
    }
    assertThat(section).as("README section %s", heading).isNotEmpty();
    return section;
  }
}
