package lab.jielong.base;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's error page: the real status, both languages, a way back; never Spring's Whitelabel page. */
class ErrorPageTest {

    @Test
    void askedForDirectlyItIsANotFoundWithLinksBack() {
        ResponseEntity<String> page = new ErrorPage().error(new MockHttpServletRequest("GET", "/error"));
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(page.getBody()).contains("这里没有页面（404）").contains("There is no page here (404 Not Found)")
                .contains("href=\"/\"").contains("href=\"/guess\"").doesNotContain("Whitelabel");
    }

    @Test
    void aServerErrorSaysSoWithItsStatus() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setContextPath("/lab");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
        ResponseEntity<String> page = new ErrorPage().error(request);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(page.getBody()).contains("Something went wrong with this request (500 Internal Server Error)")
                .contains("href=\"/lab/\"");
    }
}
