package theo.emulator.gmail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a {@link MimeNode} tree as RFC 822 / MIME bytes: non-ASCII header values become RFC 2047
 * encoded words, bodies use the transfer encoding named in their headers.
 */
final class Rfc822 {
  private static final Set<String> ADDRESS_HEADERS = Set.of("from", "to", "cc", "bcc", "reply-to");
  private static final Pattern NAME_ADDR = Pattern.compile("^\\s*\"?(.*?)\"?\\s*<([^>]+)>\\s*$");
  private static final byte[] CRLF = {'\r', '\n'};

  private Rfc822() {}

  static byte[] write(MimeNode root) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    writeNode(root, out);
    return out.toByteArray();
  }

  private static void writeNode(MimeNode node, ByteArrayOutputStream out) {
    for (MimeNode.Header header : node.headers()) {
      writeAscii(
          out, fold(header.name() + ": " + encodeHeaderValue(header.name(), header.value())));
      out.writeBytes(CRLF);
    }
    out.writeBytes(CRLF);
    if (node.isMultipart()) {
      String boundary = boundaryOf(node);
      for (MimeNode child : node.children()) {
        writeAscii(out, "--" + boundary);
        out.writeBytes(CRLF);
        writeNode(child, out);
        out.writeBytes(CRLF);
      }
      writeAscii(out, "--" + boundary + "--");
      out.writeBytes(CRLF);
    } else {
      String encoding =
          node.header("Content-Transfer-Encoding").orElse("7bit").toLowerCase(Locale.ROOT);
      byte[] content = node.content().bytes();
      switch (encoding) {
        case "base64" ->
            writeAscii(out, Base64.getMimeEncoder(76, "\r\n".getBytes()).encodeToString(content));
        case "quoted-printable" -> writeAscii(out, quotedPrintable(content));
        default -> out.writeBytes(content);
      }
    }
  }

  static String boundaryOf(MimeNode node) {
    String type = node.header("Content-Type").orElse("");
    Matcher matcher = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(type);
    if (!matcher.find()) {
      throw new IllegalStateException("multipart without boundary");
    }
    return matcher.group(1);
  }

  /** The transfer encoding a text body needs: 7bit when plain short-lined ASCII. */
  static String textTransferEncoding(String text) {
    boolean ascii = text.chars().allMatch(c -> c < 128);
    boolean shortLines = text.lines().allMatch(line -> line.length() <= 900);
    return ascii && shortLines ? "7bit" : "quoted-printable";
  }

  static String encodeHeaderValue(String name, String value) {
    if (isAscii(value)) {
      return value;
    }
    if (ADDRESS_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
      StringBuilder result = new StringBuilder();
      for (String address : value.split(",")) {
        if (result.length() > 0) {
          result.append(", ");
        }
        Matcher matcher = NAME_ADDR.matcher(address);
        if (matcher.matches() && !matcher.group(1).isEmpty()) {
          result
              .append(encodedWords(matcher.group(1)))
              .append(" <")
              .append(matcher.group(2))
              .append('>');
        } else {
          result.append(address.trim());
        }
      }
      return result.toString();
    }
    return encodedWords(value);
  }

  /** RFC 2047 B-encoded words of at most 75 characters each, split on character boundaries. */
  static String encodedWords(String text) {
    StringBuilder result = new StringBuilder();
    StringBuilder chunk = new StringBuilder();
    int chunkBytes = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      String character = new String(Character.toChars(codePoint));
      int size = character.getBytes(StandardCharsets.UTF_8).length;
      if (chunkBytes + size > 45) {
        appendWord(result, chunk.toString());
        chunk.setLength(0);
        chunkBytes = 0;
      }
      chunk.append(character);
      chunkBytes += size;
      i += Character.charCount(codePoint);
    }
    if (chunk.length() > 0) {
      appendWord(result, chunk.toString());
    }
    return result.toString();
  }

  private static void appendWord(StringBuilder result, String text) {
    if (result.length() > 0) {
      result.append(' ');
    }
    result
        .append("=?UTF-8?B?")
        .append(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)))
        .append("?=");
  }

  private static String fold(String line) {
    if (line.length() <= 78) {
      return line;
    }
    StringBuilder folded = new StringBuilder();
    int lineStart = 0;
    int lastSpace = -1;
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == ' ' && i > lineStart) {
        if (i - lineStart > 76 && lastSpace > lineStart) {
          folded.append(line, lineStart, lastSpace).append("\r\n");
          lineStart = lastSpace;
        }
        lastSpace = i;
      }
    }
    if (line.length() - lineStart > 76 && lastSpace > lineStart) {
      folded.append(line, lineStart, lastSpace).append("\r\n");
      lineStart = lastSpace;
    }
    folded.append(line.substring(lineStart));
    return folded.toString();
  }

  static String quotedPrintable(byte[] content) {
    StringBuilder out = new StringBuilder(content.length + content.length / 8);
    int lineLength = 0;
    for (int i = 0; i < content.length; i++) {
      int b = content[i] & 0xff;
      if (b == '\r' && i + 1 < content.length && content[i + 1] == '\n') {
        continue;
      }
      if (b == '\n') {
        out.append("\r\n");
        lineLength = 0;
        continue;
      }
      String token =
          (b >= 33 && b <= 126 && b != '=') || b == ' '
              ? String.valueOf((char) b)
              : String.format("=%02X", b);
      boolean lastOnLine =
          i + 1 >= content.length || content[i + 1] == '\n' || content[i + 1] == '\r';
      if (b == ' ' && lastOnLine) {
        token = "=20";
      }
      if (lineLength + token.length() > 75) {
        out.append("=\r\n");
        lineLength = 0;
      }
      out.append(token);
      lineLength += token.length();
    }
    return out.toString();
  }

  private static boolean isAscii(String value) {
    return value.chars().allMatch(c -> c < 128);
  }

  private static void writeAscii(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
  }
}
