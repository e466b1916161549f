package theo.platform;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The server's edge, where hostile requests are turned away before any controller: body limits,
 * control characters in parameters, the security firewall's and Tomcat's own refusals answered as
 * errors (JSON under {@code /api/}), never as a container's HTML page.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HttpLimits.class)
class HttpEdgeConfiguration implements WebMvcConfigurer {

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new TextParameterInterceptor());
  }

  @Bean
  FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimit(HttpLimits limits) {
    FilterRegistrationBean<RequestBodyLimitFilter> registration =
        new FilterRegistrationBean<>(new RequestBodyLimitFilter(limits));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  RequestRejectedHandler requestRejectedHandler() {
    return new FirewallRejections();
  }

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatErrorReports() {
    return factory ->
        factory.addContextCustomizers(
            context ->
                ((StandardHost) context.getParent())
                    .setErrorReportValveClass(JsonErrorReportValve.class.getName()));
  }
}
