package lab.jielong.embed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.Cookie;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.server.AbstractServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * What lets other sites embed the playground, on the server side: the framing and CORS headers on every
 * response, and a session cookie that survives a cross-site frame.
 *
 * <p>When other sites may embed ({@link AllowedOrigins#crossSite()}), the session cookie is
 * {@code SameSite=None; Secure; Partitioned}: a browser sends a cookie into a cross-site frame only with
 * {@code SameSite=None}, which needs {@code Secure} (browsers accept it from {@code http://localhost} too), and
 * {@code Partitioned} (CHIPS) keeps it working where third-party cookies are otherwise blocked, one jar per
 * embedding site. Browsers that still refuse it (Safari) are detected by the embed itself, which offers to open
 * the page in a new tab.
 */
@Configuration
class EmbedConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbedConfiguration.class);

    @Bean
    FilterRegistrationBean<EmbedHeadersFilter> embedHeadersFilter(AllowedOrigins origins) {
        FilterRegistrationBean<EmbedHeadersFilter> registration =
                new FilterRegistrationBean<>(new EmbedHeadersFilter(origins));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    WebServerFactoryCustomizer<AbstractServletWebServerFactory> crossSiteSessionCookie(AllowedOrigins origins) {
        return new OrderedCustomizer() {
            @Override
            public void customize(AbstractServletWebServerFactory factory) {
                log.info("Embedding allowed for: {} (jielong.embed.origins)", origins);
                if (!origins.crossSite()) {
                    return;
                }
                Cookie cookie = factory.getSession().getCookie();
                cookie.setSameSite(Cookie.SameSite.NONE);
                cookie.setSecure(true);
                cookie.setPartitioned(true);
            }
        };
    }

    /** Runs after Spring Boot's own customizer, which sets the session from {@code server.servlet.session.*}. */
    private abstract static class OrderedCustomizer
            implements WebServerFactoryCustomizer<AbstractServletWebServerFactory>, Ordered {
        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
