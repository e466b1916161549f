package theo.emulator.gmail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the RFC 822 / MIME message a client sends ({@code raw} of messages.send and drafts) into a
 * {@link MimeNode} tree: unfolded, RFC 2047-decoded headers; multiparts split on their boundary;
 * leaf content decoded from base64 or quoted-printable. Lenient like Gmail: bare LF line ends and a
 * missing header/body separator are accepted.
 */
final class MimeParser {
  private static final Pattern ENCODED_WORD =
      Pattern.compile("=\\?([^?]+)\\?([bBqQ])\\?([^?]*)\\?=(\\s+(?==\\?))?");
  private static final Pattern PARAMETER =
      Pattern.compile(";\\s*([A-Za-z0-9*_.-]+)\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)");

  private MimeParser() {}

  static MimeNode parse(byte[] message) {
    String text = new String(message, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
    return node(text);
  }

  private static MimeNode node(String entity) {
    int split = entity.indexOf("\n\n");
    String head = split < 0 ? entity : entity.substring(0, split);
    String body = split < 0 ? "" : entity.substring(split + 2);
    if (split < 0 && !head.contains(":")) {
      head = "";
      body = entity;
    }
    List<MimeNode.Header> headers = headers(head);
    String contentType =
        headers.stream()
            .filter(h -> h.name().equalsIgnoreCase("Content-Type"))
            .map(MimeNode.Header::value)
            .findFirst()
            .orElse("text/plain");
    String mimeType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    String boundary = parameter(contentType, "boundary");
    if (mimeType.startsWith("multipart/") && boundary != null) {
      List<MimeNode> children = new ArrayList<>();
      for (String part : parts(body, boundary)) {
        children.add(node(part));
      }
      return new MimeNode(headers, mimeType, "", null, children);
    }
    String filename = filename(headers, contentType);
    String encoding =
        headers.stream()
            .filter(h -> h.name().equalsIgnoreCase("Content-Transfer-Encoding"))
            .map(h -> h.value().trim().toLowerCase(Locale.ROOT))
            .findFirst()
            .orElse("7bit");
    byte[] content = decode(body, encoding);
    return MimeNode.leaf(headers, mimeType, filename, () -> content);
  }

  private static List<MimeNode.Header> headers(String head) {
    List<MimeNode.Header> headers = new ArrayList<>();
    String name = null;
    StringBuilder value = new StringBuilder();
    for (String line : head.split("\n")) {
      if ((line.startsWith(" ") || line.startsWith("\t")) && name != null) {
        value.append(' ').append(line.trim());
        continue;
      }
      if (name != null) {
        headers.add(new MimeNode.Header(name, decodeWords(value.toString())));
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        name = null;
        continue;
      }
      name = line.substring(0, colon).trim();
      value.setLength(0);
      value.append(line.substring(colon + 1).trim());
    }
    if (name != null) {
      headers.add(new MimeNode.Header(name, decodeWords(value.toString())));
    }
    return headers;
  }

  /** Header bytes arrive as ISO-8859-1 chars; raw UTF-8 in headers is re-read as UTF-8. */
  static String decodeWords(String value) {
    String utf8 = new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    Matcher matcher = ENCODED_WORD.matcher(utf8);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      Charset charset;
      try {
        charset = Charset.forName(matcher.group(1));
      } catch (IllegalArgumentException e) {
        charset = StandardCharsets.UTF_8;
      }
      byte[] bytes;
      if (matcher.group(2).equalsIgnoreCase("B")) {
        try {
          bytes = Base64.getMimeDecoder().decode(matcher.group(3));
        } catch (IllegalArgumentException e) {
          bytes = matcher.group(0).getBytes(StandardCharsets.UTF_8);
        }
      } else {
        bytes = quotedPrintable(matcher.group(3).replace('_', ' '));
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(new String(bytes, charset)));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  private static List<String> parts(String body, String boundary) {
    List<String> parts = new ArrayList<>();
    String delimiter = "--" + boundary;
    StringBuilder current = null;
    for (String line : body.split("\n", -1)) {
      String trimmed = line.stripTrailing();
      if (trimmed.equals(delimiter + "--")) {
        break;
      }
      if (trimmed.equals(delimiter)) {
        if (current != null) {
          parts.add(withoutLastNewline(current));
        }
        current = new StringBuilder();
        continue;
      }
      if (current != null) {
        current.append(line).append('\n');
      }
    }
    if (current != null) {
      parts.add(withoutLastNewline(current));
    }
    return parts;
  }

  private static String withoutLastNewline(StringBuilder part) {
    int end = part.length();
    // The line break before a boundary belongs to the boundary.
    if (end > 0 && part.charAt(end - 1) == '\n') {
      end--;
    }
    return part.substring(0, end);
  }

  private static String filename(List<MimeNode.Header> headers, String contentType) {
    for (MimeNode.Header header : headers) {
      if (header.name().equalsIgnoreCase("Content-Disposition")) {
        String name = parameter(header.value(), "filename");
        if (name != null) {
          return name;
        }
      }
    }
    String name = parameter(contentType, "name");
    return name == null ? "" : name;
  }

  static String parameter(String headerValue, String name) {
    Matcher matcher = PARAMETER.matcher(headerValue);
    while (matcher.find()) {
      if (matcher.group(1).equalsIgnoreCase(name)) {
        return matcher.group(3) != null ? matcher.group(3) : matcher.group(2);
      }
    }
    return null;
  }

  private static byte[] decode(String body, String encoding) {
    switch (encoding) {
      case "base64":
        try {
          return Base64.getMimeDecoder().decode(body.trim());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("Invalid base64 body in raw message");
        }
      case "quoted-printable":
        return quotedPrintable(body.replace("\n", "\r\n"));
      default:
        return body.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  private static byte[] quotedPrintable(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '=' && i + 1 < text.length() && text.charAt(i + 1) == '\r') {
        i += 2; // soft line break "=\r\n"
        continue;
      }
      if (c == '=' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        i += 1;
        continue;
      }
      if (c == '=' && i + 2 < text.length()) {
        int hex = hex(text.charAt(i + 1), text.charAt(i + 2));
        if (hex >= 0) {
          out.write(hex);
          i += 2;
          continue;
        }
      }
      out.write(c & 0xff);
    }
    return out.toByteArray();
  }

  private static int hex(char high, char low) {
    int h = Character.digit(high, 16);
    int l = Character.digit(low, 16);
    return h < 0 || l < 0 ? -1 : h * 16 + l;
  }
}
