package theo.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.MultipartContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SerializedOnceTests {
  @Test
  void batchContentWhenLengthAskedThenSentThenSerializedOnceWithTheSameBytes() throws IOException {
    MultipartContent multipart = new MultipartContent().setBoundary("part-boundary");
    for (int i = 1; i <= 3; i++) {
      multipart.addPart(
          new MultipartContent.Part(
              new HttpHeaders().set("Content-ID", i),
              ByteArrayContent.fromString("text/plain", "GET /gmail/v1/users/me/messages/" + i)));
    }
    CountingContent counted = new CountingContent(multipart);
    GmailClient.SerializedOnce once = new GmailClient.SerializedOnce(counted);

    long length = once.getLength();
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    once.writeTo(sent);

    ByteArrayOutputStream direct = new ByteArrayOutputStream();
    multipart.writeTo(direct);
    assertThat(counted.writes).isEqualTo(1);
    assertThat(sent.toByteArray()).isEqualTo(direct.toByteArray());
    assertThat(length).isEqualTo(direct.size());
    assertThat(once.getType()).isEqualTo(multipart.getType()).contains("part-boundary");
    assertThat(sent.toString(StandardCharsets.UTF_8)).contains("messages/3");
  }

  /** Counts how often the content is serialized. */
  private static final class CountingContent
      extends com.google.api.client.http.AbstractHttpContent {
    private final MultipartContent content;
    int writes;

    CountingContent(MultipartContent content) {
      super(content.getMediaType());
      this.content = content;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      writes++;
      content.writeTo(out);
    }
  }
}
