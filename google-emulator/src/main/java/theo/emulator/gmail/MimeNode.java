package theo.emulator.gmail;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * One MIME entity of a stored message: its headers (decoded values), media type, optional file
 * name, and either decoded content (built on demand, so a large generated mailbox stays small in
 * memory) or child entities of a multipart.
 */
record MimeNode(
    List<Header> headers,
    String mimeType,
    String filename,
    Content content,
    List<MimeNode> children) {

  MimeNode {
    headers = List.copyOf(headers);
    children = List.copyOf(children);
    filename = filename == null ? "" : filename;
  }

  static MimeNode leaf(List<Header> headers, String mimeType, String filename, Content content) {
    return new MimeNode(headers, mimeType, filename, content, List.of());
  }

  /** A UTF-8 text entity with the transfer encoding its content needs. */
  static MimeNode text(String mimeType, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return leaf(
        List.of(
            new Header("Content-Type", mimeType + "; charset=\"UTF-8\""),
            new Header("Content-Transfer-Encoding", Rfc822.textTransferEncoding(text))),
        mimeType,
        "",
        () -> bytes);
  }

  static MimeNode multipart(String subtype, List<Header> extraHeaders, List<MimeNode> children) {
    return new MimeNode(extraHeaders, "multipart/" + subtype, "", null, children);
  }

  boolean isMultipart() {
    return mimeType.startsWith("multipart/");
  }

  boolean isAttachment() {
    return !filename.isEmpty();
  }

  Optional<String> header(String name) {
    return headers.stream()
        .filter(h -> h.name().equalsIgnoreCase(name))
        .map(Header::value)
        .findFirst();
  }

  /** A node with extra headers put in front (the top-level message headers). */
  MimeNode withLeadingHeaders(List<Header> leading) {
    List<Header> all = new java.util.ArrayList<>(leading);
    all.addAll(headers);
    return new MimeNode(all, mimeType, filename, content, children);
  }

  /** The entity found by Gmail's dotted part id ("" is the root, "0", "1.0"...). */
  Optional<MimeNode> part(String partId) {
    if (partId.isEmpty()) {
      return Optional.of(this);
    }
    MimeNode node = this;
    for (String index : partId.split("\\.")) {
      int i;
      try {
        i = Integer.parseInt(index);
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      if (i < 0 || i >= node.children.size()) {
        return Optional.empty();
      }
      node = node.children.get(i);
    }
    return Optional.of(node);
  }

  /** A header as it appears in the message: name and decoded value. */
  record Header(String name, String value) {}

  /**
   * A leaf's decoded bytes, built on demand. A generated attachment knows its size without being
   * built, so a message in format {@code full} (which names attachments but leaves their bytes out)
   * is rendered without building them. The array may be shared (a generated message's text/plain
   * part gives the text its text/html part is made from, and the JSON of a message in format {@code
   * full} holds it until written): callers must not change it.
   */
  @FunctionalInterface
  interface Content {
    byte[] bytes();

    default int size() {
      return bytes().length;
    }

    /** Content of a known size, built only when its bytes are asked for. */
    static Content sized(int size, Content bytes) {
      return new Content() {
        @Override
        public byte[] bytes() {
          return bytes.bytes();
        }

        @Override
        public int size() {
          return size;
        }
      };
    }
  }
}
