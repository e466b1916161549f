package theo.emulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/**
 * The selector examples of Google's "Partial response" documentation (fields={@code items}, {@code
 * etag,items}, {@code items/title}, {@code context/facets/label}, {@code items/pagemap/*}, {@code
 * items(title,author/uri)}) over the documentation's sample feed, plus Calendar's {@code
 * items(id,start/dateTime)}.
 */
class FieldSelectionTests {
  private static final String FEED =
      """
      {"kind":"demo","etag":"\\"abc\\"","context":{"facets":[[{"label":"l1","anchor":"a1"}]]},
       "items":[
        {"title":"First","author":{"name":"Ann","uri":"http://a"},"pagemap":{"x":[1],"y":{"z":2}},
         "id":"e1","start":{"dateTime":"2026-03-10T09:00:00-04:00","timeZone":"America/New_York"}},
        {"title":"Second","author":{"name":"Bob","uri":"http://b"},"id":"e2",
         "start":{"date":"2026-03-11"}}]}
      """;

  @Test
  void aTopLevelFieldKeepsItWhole() {
    assertThat(select("items")).isEqualTo(json("{\"items\":" + items() + "}"));
  }

  @Test
  void aCommaSeparatedListKeepsEachField() {
    assertThat(select("etag,items").getAsJsonObject().keySet()).containsExactly("etag", "items");
  }

  @Test
  void aSlashSelectsAFieldInsideEachArrayElement() {
    assertThat(select("items/title"))
        .isEqualTo(json("{\"items\":[{\"title\":\"First\"},{\"title\":\"Second\"}]}"));
  }

  @Test
  void aPathGoesThroughNestedArraysAndObjects() {
    assertThat(select("context/facets/label"))
        .isEqualTo(json("{\"context\":{\"facets\":[[{\"label\":\"l1\"}]]}}"));
  }

  @Test
  void aWildcardKeepsEveryFieldAtItsLevel() {
    assertThat(select("items/pagemap/*"))
        .isEqualTo(json("{\"items\":[{\"pagemap\":{\"x\":[1],\"y\":{\"z\":2}}},{}]}"));
    assertThat(select("*")).isEqualTo(json(FEED));
    assertThat(select("items(*)")).isEqualTo(select("items"));
  }

  @Test
  void aSubSelectionKeepsSeveralFieldsOfEachElement() {
    assertThat(select("items(title,author/uri)"))
        .isEqualTo(
            json(
                "{\"items\":[{\"title\":\"First\",\"author\":{\"uri\":\"http://a\"}},"
                    + "{\"title\":\"Second\",\"author\":{\"uri\":\"http://b\"}}]}"));
  }

  @Test
  void calendarsEventSelectionKeepsIdsAndStartTimes() {
    assertThat(select("items(id,start/dateTime),kind"))
        .isEqualTo(
            json(
                "{\"kind\":\"demo\",\"items\":[{\"id\":\"e1\",\"start\":"
                    + "{\"dateTime\":\"2026-03-10T09:00:00-04:00\"}},{\"id\":\"e2\",\"start\":{}}]}"));
  }

  @Test
  void selectionsOfTheSameFieldMerge() {
    assertThat(select("items/id, items/author(name), items(title)"))
        .isEqualTo(
            json(
                "{\"items\":[{\"title\":\"First\",\"author\":{\"name\":\"Ann\"},\"id\":\"e1\"},"
                    + "{\"title\":\"Second\",\"author\":{\"name\":\"Bob\"},\"id\":\"e2\"}]}"));
    assertThat(select("items/author,items/author/name").getAsJsonObject().get("items"))
        .isEqualTo(
            json(
                "[{\"author\":{\"name\":\"Ann\",\"uri\":\"http://a\"}},"
                    + "{\"author\":{\"name\":\"Bob\",\"uri\":\"http://b\"}}]"));
  }

  @Test
  void parseWhenTheSelectionIsMalformedThenBadRequestInvalidFieldSelection() {
    for (String malformed : new String[] {"items(", "items)", "a,,b", "a/", "(a)", "a b"}) {
      assertThatThrownBy(() -> FieldSelection.parse(malformed))
          .as(malformed)
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.response().status()).isEqualTo(400);
                assertThat(e.response().bodyAsString())
                    .contains("invalidParameter")
                    .contains("Invalid field selection");
              });
    }
  }

  @Test
  void handleWhenTheSelectionIsMalformedThenTheHandlerDoesNotRun() {
    boolean[] ran = {false};
    Request request =
        new Request(
            "POST",
            "/x",
            "fields=items(",
            new com.sun.net.httpserver.Headers(),
            new byte[0],
            java.util.Map.of());
    assertThatThrownBy(
            () ->
                FieldSelection.handle(
                    request,
                    r -> {
                      ran[0] = true;
                      return Response.json(200, java.util.Map.of("a", 1));
                    }))
        .isInstanceOf(ApiException.class);
    assertThat(ran[0]).isFalse();
  }

  @Test
  void handleWhenTheAnswerIsAnErrorThenItPassesUnchanged() throws Exception {
    Request request =
        new Request(
            "GET",
            "/x",
            "fields=id",
            new com.sun.net.httpserver.Headers(),
            new byte[0],
            java.util.Map.of());
    Response error = GoogleErrors.api(404, "notFound", "Requested entity was not found.");
    assertThat(FieldSelection.handle(request, r -> error)).isSameAs(error);
  }

  private static JsonElement select(String fields) {
    return FieldSelection.parse(fields).apply(json(FEED));
  }

  private static String items() {
    return json(FEED).getAsJsonObject().get("items").toString();
  }

  private static JsonElement json(String text) {
    return JsonParser.parseString(text);
  }
}
