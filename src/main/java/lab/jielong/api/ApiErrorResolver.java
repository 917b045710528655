package lab.jielong.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lab.jielong.work.Busy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every exception raised while answering an {@code /api/} request into an {@link ApiError} with the
 * right status: the API's own refusals, malformed JSON, a body over the limit, an unknown path, a wrong
 * method or media type, and, for anything unforeseen, 500 {@code INTERNAL} (logged here, never sent as a
 * stack trace). Runs before Spring's own resolvers and leaves every other path to them.
 */
class ApiErrorResolver implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorResolver.class);

    private final ObjectMapper json;
    private final ApiProperties properties;

    ApiErrorResolver(ObjectMapper json, ApiProperties properties) {
        this.json = json;
        this.properties = properties;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception exception) {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return null;
        }
        ApiException answer = translate(exception, request, properties);
        if (answer.status == HttpStatus.INTERNAL_SERVER_ERROR) {
            log.error("API request {} {} failed", request.getMethod(), request.getRequestURI(), exception);
        }
        try {
            response.resetBuffer();                        // keeps the CORS headers already set
            response.setStatus(answer.status.value());
            if (answer.status == HttpStatus.SERVICE_UNAVAILABLE) {
                response.setHeader("Retry-After", "1");
            }
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            json.writeValue(response.getOutputStream(),
                    new ApiError(answer.code, ApiMessages.format(request, answer.key, answer.args)));
        } catch (IOException | IllegalStateException e) {
            log.debug("could not write the API error for {}", request.getRequestURI(), e);
        }
        return new ModelAndView();
    }

    private static ApiException translate(Exception exception, HttpServletRequest request, ApiProperties properties) {
        if (exception instanceof ApiException api) {
            return api;
        }
        if (exception instanceof Busy) {
            return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "BUSY", "api.error.BUSY", List.of());
        }
        if (exception instanceof HttpMessageNotReadableException unreadable) {
            return unreadable(unreadable, properties);
        }
        if (exception instanceof NoResourceFoundException || exception instanceof NoHandlerFoundException) {
            return new ApiException(HttpStatus.NOT_FOUND, "NOT_FOUND", "api.error.NOT_FOUND",
                    List.of(request.getMethod() + " " + request.getRequestURI()));
        }
        if (exception instanceof HttpRequestMethodNotSupportedException method) {
            String allowed = method.getSupportedHttpMethods() == null ? ""
                    : method.getSupportedHttpMethods().stream().map(Object::toString).collect(Collectors.joining(", "));
            return new ApiException(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", "api.error.METHOD_NOT_ALLOWED",
                    List.of(method.getMethod(), allowed));
        }
        if (exception instanceof HttpMediaTypeNotSupportedException) {
            return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                    "api.error.UNSUPPORTED_MEDIA_TYPE", List.of());
        }
        if (exception instanceof HttpMediaTypeNotAcceptableException) {
            return new ApiException(HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE", "api.error.NOT_ACCEPTABLE", List.of());
        }
        return new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL", "api.error.INTERNAL", List.of());
    }

    /** A body that could not be read: too large, missing, not JSON, or a field of the wrong type. */
    private static ApiException unreadable(HttpMessageNotReadableException exception, ApiProperties properties) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof ApiLimitFilter.BodyTooLarge) {
                return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "BODY_TOO_LARGE", "api.error.BODY_TOO_LARGE",
                        List.of(Integer.toString(properties.maxBodyBytes())));
            }
        }
        Throwable cause = exception.getCause();
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return ApiException.badRequest("WRONG_TYPE", field);
        }
        if (cause instanceof JsonProcessingException parsing) {
            JsonLocation at = parsing.getLocation();
            return ApiException.badRequest("MALFORMED_JSON",
                    at == null ? "?" : Integer.toString(at.getLineNr()),
                    at == null ? "?" : Integer.toString(at.getColumnNr()));
        }
        return ApiException.badRequest("MISSING_BODY");
    }
}
