package lab.jielong.base;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.util.HtmlUtils;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The server's own error page, in place of Spring's "Whitelabel Error Page": what a request outside the
 * playground's pages ends on (a broken request, {@code /error} typed by hand). Both languages at once, since
 * no visitor session may exist, the status, and links back. Pages of the playground itself say "not found"
 * in their frame (base.ui.NotFoundView). An {@code /api/} request that ends here gets the API's JSON error instead.
 */
@Controller
class ErrorPage implements ErrorController {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RequestMapping("/error")
    ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer c && HttpStatus.resolve(c) != null ? HttpStatus.resolve(c)
                : HttpStatus.NOT_FOUND;                   // asked for directly: there is no page here
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String u && u.startsWith(request.getContextPath() + "/api/")) {
            return apiError(request, status);
        }
        String context = HtmlUtils.htmlEscape(request.getContextPath());
        boolean notFound = status == HttpStatus.NOT_FOUND;
        String html = """
                <!doctype html>
                <html lang="zh-CN"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%1$d · 接龙实验室 Jielong Lab</title>
                <link rel="icon" href="%2$s/icons/favicon.svg" type="image/svg+xml">
                <style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:36em;margin:3em auto;
                padding:0 1em;line-height:1.6;color:#202124}a{color:#1a73e8}small{color:#5f6368}</style></head>
                <body><h1>接龙实验室 Jielong Lab</h1>
                <p lang="zh">%4$s（%1$d）。<a href="%2$s/">回到成语接龙</a> · <a href="%2$s/guess">猜下一个字</a></p>
                <p lang="en">%5$s (%1$d %3$s). <a href="%2$s/">Back to the idiom chain</a> ·
                <a href="%2$s/guess">Guess the next character</a></p>
                </body></html>
                """.formatted(status.value(), context, HtmlUtils.htmlEscape(status.getReasonPhrase()),
                notFound ? "这里没有页面" : "这个请求出了问题", notFound ? "There is no page here"
                        : "Something went wrong with this request");
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(html);
    }

    /**
     * An API request the server refused before the API saw it (an address with an encoded slash or a NUL, which the
     * web server rejects itself): the API's {@code {code, message}}, as JSON, in the language the client accepts.
     */
    private static ResponseEntity<String> apiError(HttpServletRequest request, HttpStatus status) {
        String header = request.getHeader("Accept-Language");
        boolean chinese = header != null && header.trim().toLowerCase(Locale.ROOT).startsWith("zh");
        String message = status == HttpStatus.BAD_REQUEST
                ? (chinese ? "无法读取这个请求：地址里有服务器拒绝的字符（例如编码后的斜杠或空字符）。"
                        : "The request could not be read: its address holds characters the server refuses "
                                + "(such as an encoded slash or a NUL).")
                : (chinese ? "请求失败（" + status.value() + "）。" : "The request failed (" + status.value() + ").");
        ObjectNode body = JSON.createObjectNode().put("code", status.name()).put("message", message);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body.toString());
    }
}
