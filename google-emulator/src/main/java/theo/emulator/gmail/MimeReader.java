package theo.emulator.gmail;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Reads the RFC 822 / MIME message a client sends ({@code raw} of messages.send, insert, import and
 * drafts) into a {@link MimeNode} tree with Jakarta Mail: unfolded, RFC 2047-decoded headers (raw
 * UTF-8 accepted, as Gmail does), multiparts split on their boundary, leaf content decoded from its
 * transfer encoding. A malformed message answers 400 like Gmail's "Invalid raw message".
 */
final class MimeReader {
  private static final Session SESSION = Session.getInstance(lenient());

  private MimeReader() {}

  static MimeNode parse(byte[] message) {
    try {
      return node(new MimeMessage(SESSION, new ByteArrayInputStream(message)));
    } catch (MessagingException | IOException e) {
      throw new IllegalArgumentException("Invalid raw message: " + e.getMessage(), e);
    }
  }

  private static Properties lenient() {
    Properties properties = new Properties();
    properties.setProperty("mail.mime.allowutf8", "true");
    properties.setProperty("mail.mime.decodetext.strict", "false");
    properties.setProperty("mail.mime.decodefilename", "true");
    properties.setProperty("mail.mime.decodeparameters", "true");
    properties.setProperty("mail.mime.parameters.strict", "false");
    properties.setProperty("mail.mime.multipart.allowempty", "true");
    properties.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
    return properties;
  }

  private static MimeNode node(Part part) throws MessagingException, IOException {
    List<MimeNode.Header> headers = headers(part);
    String mimeType = mimeType(part);
    if (mimeType.startsWith("multipart/") && part.getContent() instanceof Multipart multipart) {
      List<MimeNode> children = new ArrayList<>(multipart.getCount());
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        children.add(node(child));
      }
      return new MimeNode(headers, mimeType, "", null, children);
    }
    byte[] content = content(part);
    String filename = part.getFileName();
    return MimeNode.leaf(headers, mimeType, filename, () -> content);
  }

  private static List<MimeNode.Header> headers(Part part) throws MessagingException {
    List<MimeNode.Header> headers = new ArrayList<>();
    for (Enumeration<Header> all = part.getAllHeaders(); all.hasMoreElements(); ) {
      Header header = all.nextElement();
      headers.add(new MimeNode.Header(header.getName(), decoded(header.getValue())));
    }
    return headers;
  }

  private static String decoded(String value) {
    String unfolded = MimeUtility.unfold(value == null ? "" : value).trim();
    try {
      return MimeUtility.decodeText(unfolded);
    } catch (UnsupportedEncodingException e) {
      return unfolded; // an unknown charset: keep the words as written
    }
  }

  /** The media type, {@code text/plain} when absent or unreadable (RFC 2045's default). */
  private static String mimeType(Part part) throws MessagingException {
    String value = part.getContentType();
    if (value == null) {
      return "text/plain";
    }
    try {
      return new ContentType(value).getBaseType().toLowerCase(Locale.ROOT);
    } catch (ParseException e) {
      return "text/plain";
    }
  }

  /**
   * The transfer-decoded bytes. Text that travelled as 7bit, 8bit or quoted-printable keeps CRLF
   * line ends, as Gmail stores it, even where the client sent bare LF.
   */
  private static byte[] content(Part part) throws MessagingException, IOException {
    byte[] bytes;
    try (InputStream in = part.getInputStream()) {
      bytes = in.readAllBytes();
    }
    String encoding = part instanceof MimeMessage message ? message.getEncoding() : null;
    if (part instanceof jakarta.mail.internet.MimeBodyPart body) {
      encoding = body.getEncoding();
    }
    return "base64".equalsIgnoreCase(encoding) ? bytes : crlf(bytes);
  }

  private static byte[] crlf(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 64);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r')) {
        out.write('\r');
      }
      out.write(bytes[i]);
    }
    return out.toByteArray();
  }
}
