package lab.jielong.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import lab.jielong.work.RateLimiter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The API's request limits, before any controller runs: requests per client per second (429 with
 * {@code Retry-After}) and the size of the body (413; a body without a length is counted as it is read).
 * Registered for {@code /api/*} only ({@link ApiConfiguration}).
 */
class ApiLimitFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;
    private final ApiProperties properties;
    private final ObjectMapper json;

    ApiLimitFilter(RateLimiter limiter, ApiProperties properties, ObjectMapper json) {
        this.limiter = limiter;
        this.properties = properties;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("OPTIONS".equals(request.getMethod())) {
            chain.doFilter(request, response);           // CORS preflight: not a request of its own
            return;
        }
        if (!limiter.tryAcquire(request.getRemoteAddr(), System.nanoTime())) {
            response.setHeader("Retry-After", Long.toString(limiter.retryAfterSeconds()));
            write(request, response, HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_REQUESTS",
                    List.of(formatRate(properties.requestsPerSecond())));
            return;
        }
        long length = request.getContentLengthLong();
        if (length > properties.maxBodyBytes()) {
            write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "BODY_TOO_LARGE",
                    List.of(Integer.toString(properties.maxBodyBytes())));
            return;
        }
        chain.doFilter(new LimitedBody(request, properties.maxBodyBytes()), response);
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
            List<String> args) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(),
                new ApiError(code, ApiMessages.format(request, "api.error." + code, args)));
    }

    private static String formatRate(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    /** Raised when a body turns out longer than the limit while it is read; answered 413. */
    static final class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super("request body over the limit", null);
        }
    }

    /** The request with a body that refuses to be read past {@code max} bytes. */
    private static final class LimitedBody extends HttpServletRequestWrapper {
        private final int max;
        private ServletInputStream stream;

        LimitedBody(HttpServletRequest request, int max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

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

                    private void count(int n) throws BodyTooLarge {
                        read += n;
                        if (read > max) {
                            throw new BodyTooLarge();
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
                };
            }
            return stream;
        }
    }
}
