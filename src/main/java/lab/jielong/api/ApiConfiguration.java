package lab.jielong.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import lab.jielong.work.RateLimiter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Wires the API's limits and error handling, and describes it for OpenAPI ({@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}). Vaadin is kept off these paths by {@code vaadin.exclude-urls}; cross-origin
 * access follows the one allow-list of the embed package ({@code jielong.embed.origins}).
 */
@Configuration
@EnableConfigurationProperties(ApiProperties.class)
class ApiConfiguration {

    @Bean
    RateLimiter apiRateLimiter(ApiProperties properties) {
        return new RateLimiter(properties.requestsPerSecond(), properties.burst());
    }

    @Bean
    FilterRegistrationBean<ApiLimitFilter> apiLimitFilter(RateLimiter limiter, ApiProperties properties,
            ObjectMapper json) {
        FilterRegistrationBean<ApiLimitFilter> registration =
                new FilterRegistrationBean<>(new ApiLimitFilter(limiter, properties, json));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);   // after the CORS headers, before everything else
        return registration;
    }

    @Bean
    ApiErrorResolver apiErrorResolver(ObjectMapper json, ApiProperties properties) {
        return new ApiErrorResolver(json, properties);
    }

    @Bean
    OpenAPI jielongOpenApi() {
        return new OpenAPI().info(new Info()
                .title("Jielong Lab API")
                .version("v1")
                .description("成语接龙 with a tiny decoder-only transformer: look up idioms, ask the decoder (or the "
                        + "peeking model trained without the causal mask) for the next character, for its move in a chain, "
                        + "and for both models' attention. Every number is computed by the shipped models for the request. "
                        + "Errors are {code, message}, the message in the language asked for (lang=zh|en or Accept-Language). "
                        + "Limits: request bodies up to jielong.api.max-body-bytes (413), requests per client per second (429 "
                        + "with Retry-After), model work a few requests at a time (503 BUSY when full).")
                .license(new License().name("See the project's README")));
    }
}
