package theo.platform;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large a request may be ({@code theo.http}).
 *
 * @param maxBodySize the largest request body, for every path not listed in {@code largerBodies}
 * @param largerBodies path patterns (Spring's {@code PathPattern} syntax) that need more, such as
 *     the endpoints taking an email body
 */
@ConfigurationProperties("theo.http")
public record HttpLimits(
    @DefaultValue("1MB") DataSize maxBodySize, @DefaultValue Map<String, DataSize> largerBodies) {}
