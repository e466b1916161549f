package theo.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Refuses request bodies over their limit with 413 before anything reads them: by the declared
 * length up front, and while reading when no length was declared.
 */
final class RequestBodyLimitFilter extends OncePerRequestFilter {
  private final long defaultLimit;
  private final List<Map.Entry<PathPattern, Long>> larger;

  RequestBodyLimitFilter(HttpLimits limits) {
    this.defaultLimit = limits.maxBodySize().toBytes();
    this.larger =
        limits.largerBodies().entrySet().stream()
            .map(
                entry ->
                    Map.entry(
                        PathPatternParser.defaultInstance.parse(entry.getKey()),
                        entry.getValue().toBytes()))
            .toList();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit = limitFor(request);
    if (request.getContentLengthLong() > limit) {
      refuse(request, response);
      return;
    }
    chain.doFilter(new Limited(request, limit), response);
  }

  /**
   * Answers at once and flushes, before the unread body is drained (Tomcat gives up after 2 MB and
   * drops the connection, which would lose an answer still in the buffer).
   */
  private static void refuse(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
      response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      return;
    }
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    response.setHeader("Connection", "close");
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.getOutputStream().write(ErrorBodies.json(413));
    response.flushBuffer();
  }

  private long limitFor(HttpServletRequest request) {
    PathContainer path =
        PathContainer.parsePath(
            request.getRequestURI().substring(request.getContextPath().length()));
    return larger.stream()
        .filter(entry -> entry.getKey().matches(path))
        .mapToLong(Map.Entry::getValue)
        .findFirst()
        .orElse(defaultLimit);
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private final long limit;
    private @Nullable ServletInputStream stream;

    Limited(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new CountingStream(super.getInputStream(), limit);
      }
      return stream;
    }
  }

  private static final class CountingStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long limit;
    private long read;

    CountingStream(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws IOException {
      read += n;
      if (read > limit) {
        throw new BodyTooLargeException(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
