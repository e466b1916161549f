package theo.emulator.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static theo.emulator.calendar.CalendarTestSupport.ALICE;

import com.google.gson.Gson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every key the emulator answers is a property Google's discovery document declares. */
class CalendarDiscoveryTests {

  @Test
  void responsesWhenCheckedAgainstDiscoveryThenEveryKeyIsDeclared() throws IOException {
    Map<String, Object> schemas = schemas();
    try (CalendarTestSupport support = new CalendarTestSupport()) {
      support.admin(
          "/emulator/accounts/" + ALICE + "/calendar/generate",
          Map.of("calendars", 6, "eventsPerCalendar", 150, "seed", 9));
      String token = "full:" + ALICE;
      String events = "/calendar/v3/calendars/" + CalendarTestSupport.encode(ALICE) + "/events";
      List<String> problems = new ArrayList<>();

      Map<String, Object> expanded =
          answer(support, events + "?singleEvents=true&showDeleted=true&maxResults=2500", token);
      Map<String, Object> resources = answer(support, events + "?maxResults=2500", token);
      Map<String, Object> calendarList =
          answer(support, "/calendar/v3/users/me/calendarList?showHidden=true", token);
      @SuppressWarnings("unchecked")
      Map<String, Object> first = ((List<Map<String, Object>>) resources.get("items")).get(0);
      Map<String, Object> single = answer(support, events + "/" + first.get("id"), token);

      check(schemas, "Events", expanded, "Events(single)", problems);
      check(schemas, "Events", resources, "Events", problems);
      check(schemas, "CalendarList", calendarList, "CalendarList", problems);
      check(schemas, "Event", single, "Event", problems);

      assertThat(problems).isEmpty();
      assertThat((List<?>) expanded.get("items")).hasSizeGreaterThan(150);
      assertThat((List<?>) calendarList.get("items")).hasSize(6);
    }
  }

  private static Map<String, Object> answer(
      CalendarTestSupport support, String path, String token) {
    CalendarTestSupport.Answer answer = support.get(path, token);
    assertThat(answer.status()).as(path).isEqualTo(200);
    return answer.json();
  }

  @SuppressWarnings("unchecked")
  private static void check(
      Map<String, Object> schemas,
      String schemaName,
      Object value,
      String path,
      List<String> problems) {
    check(schemas, (Map<String, Object>) schemas.get(schemaName), value, path, problems);
  }

  @SuppressWarnings("unchecked")
  private static void check(
      Map<String, Object> schemas,
      Map<String, Object> schema,
      Object value,
      String path,
      List<String> problems) {
    if (schema.get("$ref") instanceof String ref) {
      check(schemas, ref, value, path, problems);
      return;
    }
    if (value instanceof Map<?, ?> object) {
      Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
      Map<String, Object> additional = (Map<String, Object>) schema.get("additionalProperties");
      for (Map.Entry<?, ?> field : object.entrySet()) {
        String key = (String) field.getKey();
        Map<String, Object> property =
            properties == null ? null : (Map<String, Object>) properties.get(key);
        if (property == null && additional != null) {
          property = additional;
        }
        if (property == null) {
          problems.add(path + "." + key + " is not declared");
        } else {
          check(schemas, property, field.getValue(), path + "." + key, problems);
        }
      }
    } else if (value instanceof List<?> list) {
      Map<String, Object> items = (Map<String, Object>) schema.get("items");
      if (items == null) {
        problems.add(path + " is an array but not declared as one");
        return;
      }
      for (int i = 0; i < list.size(); i++) {
        check(schemas, items, list.get(i), path + "[" + i + "]", problems);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> schemas() {
    String text = theo.emulator.DiscoverySchemas.text("calendar.v3.json");
    return (Map<String, Object>) new Gson().fromJson(text, Map.class).get("schemas");
  }
}
