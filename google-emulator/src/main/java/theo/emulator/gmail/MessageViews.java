package theo.emulator.gmail;

import com.google.api.services.gmail.model.Message;
import com.google.api.services.gmail.model.MessagePart;
import com.google.api.services.gmail.model.MessagePartBody;
import com.google.api.services.gmail.model.MessagePartHeader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import theo.emulator.http.JsonOutput;

/** Renders stored messages as Gmail's {@link Message} in the formats the API offers. */
final class MessageViews {
  private static final String ATTACHMENT_PREFIX = "ANGjdJ";

  private MessageViews() {}

  /** Gmail's message formats. */
  enum Format {
    MINIMAL,
    METADATA,
    FULL,
    RAW;

    static Format parse(String value) {
      try {
        return valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Invalid value for format: " + value);
      }
    }
  }

  static Message render(
      StoredMessage.Snapshot snapshot, Format format, List<String> metadataHeaders) {
    StoredMessage message = snapshot.message();
    Message view =
        new Message()
            .setId(message.id())
            .setThreadId(message.threadId())
            .setLabelIds(snapshot.labelIds())
            .setSnippet(message.snippet())
            .setSizeEstimate(message.sizeEstimate())
            .setHistoryId(BigInteger.valueOf(snapshot.historyId()))
            .setInternalDate(message.internalDate());
    switch (format) {
      case MINIMAL -> {}
      case METADATA -> view.setPayload(metadataPart(message.root(), metadataHeaders));
      case FULL -> view.setPayload(part(message.id(), message.root(), ""));
      case RAW -> view.setRaw(Base64.getUrlEncoder().encodeToString(Rfc822.write(message.root())));
    }
    return view;
  }

  /**
   * The message in format {@code full} as Gmail's JSON, the same as {@link #render} gives, written
   * straight to bytes: a full sync fetches every message this way, so this is the emulator's
   * hottest answer.
   */
  static JsonOutput fullJson(StoredMessage.Snapshot snapshot) {
    StoredMessage message = snapshot.message();
    JsonOutput json = new JsonOutput();
    json.beginObject()
        .name("id")
        .value(message.id())
        .name("threadId")
        .value(message.threadId())
        .name("labelIds")
        .beginArray();
    snapshot.labelIds().forEach(json::value);
    json.endArray();
    if (message.snippet() != null) {
      json.name("snippet").value(message.snippet());
    }
    json.name("sizeEstimate")
        .value(message.sizeEstimate())
        // int64 and uint64 fields travel as JSON strings.
        .name("historyId")
        .value(Long.toString(snapshot.historyId()))
        .name("internalDate")
        .value(Long.toString(message.internalDate()))
        .name("payload");
    writePart(json, message.id(), message.root(), "");
    return json.endObject();
  }

  private static void writePart(JsonOutput json, String messageId, MimeNode node, String partId) {
    json.beginObject()
        .name("partId")
        .value(partId)
        .name("mimeType")
        .value(node.mimeType())
        .name("filename")
        .value(node.filename())
        .name("headers")
        .beginArray();
    for (MimeNode.Header header : node.headers()) {
      json.beginObject()
          .name("name")
          .value(header.name())
          .name("value")
          .value(header.value())
          .endObject();
    }
    json.endArray().name("body").beginObject();
    if (node.isMultipart()) {
      json.name("size").value(0).endObject().name("parts").beginArray();
      for (int i = 0; i < node.children().size(); i++) {
        String childId = partId.isEmpty() ? String.valueOf(i) : partId + "." + i;
        writePart(json, messageId, node.children().get(i), childId);
      }
      json.endArray();
    } else if (node.isAttachment()) {
      json.name("size")
          .value(node.content().size())
          .name("attachmentId")
          .value(attachmentId(messageId, partId))
          .endObject();
    } else {
      byte[] content = node.content().bytes();
      json.name("size").value(content.length).name("data").base64UrlValue(content).endObject();
    }
    json.endObject();
  }

  /** Only the id, thread id and labels, as list and history answers carry them. */
  static Message reference(String id, String threadId, List<String> labelIds) {
    Message view = new Message().setId(id).setThreadId(threadId);
    if (labelIds != null) {
      view.setLabelIds(labelIds);
    }
    return view;
  }

  private static MessagePart metadataPart(MimeNode root, List<String> wanted) {
    Set<String> names =
        wanted.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    List<MessagePartHeader> headers = new ArrayList<>();
    for (MimeNode.Header header : root.headers()) {
      if (names.isEmpty() || names.contains(header.name().toLowerCase(Locale.ROOT))) {
        headers.add(header(header));
      }
    }
    return new MessagePart().setMimeType(root.mimeType()).setHeaders(headers);
  }

  private static MessagePart part(String messageId, MimeNode node, String partId) {
    MessagePart part =
        new MessagePart()
            .setPartId(partId)
            .setMimeType(node.mimeType())
            .setFilename(node.filename())
            .setHeaders(node.headers().stream().map(MessageViews::header).toList());
    if (node.isMultipart()) {
      part.setBody(new MessagePartBody().setSize(0));
      List<MessagePart> children = new ArrayList<>();
      for (int i = 0; i < node.children().size(); i++) {
        String childId = partId.isEmpty() ? String.valueOf(i) : partId + "." + i;
        children.add(part(messageId, node.children().get(i), childId));
      }
      part.setParts(children);
    } else if (node.isAttachment()) {
      part.setBody(
          new MessagePartBody()
              .setSize(node.content().size())
              .setAttachmentId(attachmentId(messageId, partId)));
    } else {
      byte[] content = node.content().bytes();
      part.setBody(
          new MessagePartBody()
              .setSize(content.length)
              .setData(Base64.getUrlEncoder().encodeToString(content)));
    }
    return part;
  }

  private static MessagePartHeader header(MimeNode.Header header) {
    return new MessagePartHeader().setName(header.name()).setValue(header.value());
  }

  static String attachmentId(String messageId, String partId) {
    String plain = messageId + "/" + partId;
    return ATTACHMENT_PREFIX
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The attachment's body, when the id names an attachment part of this message. */
  static Optional<MessagePartBody> attachment(StoredMessage message, String attachmentId) {
    if (!attachmentId.startsWith(ATTACHMENT_PREFIX)) {
      return Optional.empty();
    }
    String plain;
    try {
      plain =
          new String(
              Base64.getUrlDecoder().decode(attachmentId.substring(ATTACHMENT_PREFIX.length())),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int slash = plain.indexOf('/');
    if (slash < 0 || !plain.substring(0, slash).equals(message.id())) {
      return Optional.empty();
    }
    return message
        .root()
        .part(plain.substring(slash + 1))
        .filter(MimeNode::isAttachment)
        .map(
            node -> {
              byte[] content = node.content().bytes();
              return new MessagePartBody()
                  .setAttachmentId(attachmentId)
                  .setSize(content.length)
                  .setData(Base64.getUrlEncoder().encodeToString(content));
            });
  }
}
