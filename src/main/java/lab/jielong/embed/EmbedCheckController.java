package lab.jielong.embed;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * {@code GET /embed-check}: did this request bring a valid session cookie back? An embedded page asks right
 * after it loaded; {@code false} means the browser refused the cookie in a cross-site frame (Safari, or a browser
 * set to block third-party cookies), so the page could not remember anything and says so instead of breaking.
 */
@RestController
class EmbedCheckController {

    @GetMapping(path = "/embed-check", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Boolean>> check(HttpServletRequest request) {
        boolean session = request.getRequestedSessionId() != null && request.isRequestedSessionIdValid();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("session", session));
    }
}
