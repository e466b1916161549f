package theo.emulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonOutputTests {

  @Test
  void writeToWhenValuesSpanManyChunksThenTheSameBytesAsToByteArrayAndTheDeclaredLength()
      throws IOException {
    byte[] data = new byte[1_300_000];
    new Random(5).nextBytes(data);
    String text = "Grüße \"quoted\" back\\slash\ttab\u0001 📷 ".repeat(20_000);
    JsonOutput json =
        new JsonOutput()
            .beginObject()
            .name("data")
            .base64UrlValue(data)
            .name("text")
            .value(text)
            .name("numbers")
            .beginArray()
            .value(1)
            .value(-2)
            .endArray()
            .name("nothing")
            .value((String) null)
            .endObject();

    ByteArrayOutputStream written = new ByteArrayOutputStream();
    json.writeTo(written);

    assertThat(written.toByteArray()).isEqualTo(json.toByteArray());
    assertThat(json.length()).isEqualTo(written.size());
    JsonObject parsed =
        JsonParser.parseString(written.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    assertThat(Base64.getUrlDecoder().decode(parsed.get("data").getAsString())).isEqualTo(data);
    assertThat(parsed.get("text").getAsString()).isEqualTo(text);
    assertThat(parsed.getAsJsonArray("numbers").toString()).isEqualTo("[1,-2]");
    assertThat(parsed.get("nothing").isJsonNull()).isTrue();
  }

  @Test
  void base64UrlValueWhenShortAndLongValuesBetweenOthersThenJdksPaddedBase64UrlEachTime()
      throws IOException {
    Random random = new Random(9);
    JsonOutput json = new JsonOutput().beginArray();
    StringBuilder expected = new StringBuilder("[");
    for (int length : new int[] {0, 1, 2, 3, 4, 5, 300_000, 62, 63, 64, 1_000, 255}) {
      byte[] data = new byte[length];
      random.nextBytes(data);
      json.base64UrlValue(data).value(length);
      expected
          .append(length == 0 ? "\"" : ",\"")
          .append(Base64.getUrlEncoder().encodeToString(data))
          .append("\",")
          .append(length);
    }
    json.endArray();
    expected.append(']');

    // Written twice (the values are encoded as they are written) and through toByteArray.
    for (int i = 0; i < 2; i++) {
      ByteArrayOutputStream written = new ByteArrayOutputStream();
      json.writeTo(written);
      assertThat(written.toString(StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
    }
    assertThat(new String(json.toByteArray(), StandardCharsets.US_ASCII))
        .isEqualTo(expected.toString());
    assertThat(json.length()).isEqualTo(expected.length());
  }
}
