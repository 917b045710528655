package lab.jielong.base;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinServletService;
import jakarta.servlet.ServletContext;
import org.atmosphere.cpr.ApplicationConfig;
import org.atmosphere.cpr.AtmosphereFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Collections;

/**
 * Shrinks the two buffers Atmosphere allocates for every push WebSocket ({@code org.atmosphere.websocket.WebSocket}:
 * a byte and a char buffer of {@code org.atmosphere.websocket.bufferSize}, which Vaadin sets to 16,384, so 48 KB a
 * page). Atmosphere only clears them when the socket closes; Vaadin's push uses WEBSOCKET_XHR, the page's messages go
 * to the server over XHR, and the socket's messages are written through the container. Vaadin sets the parameter in
 * code, over any servlet parameter, so this sets it again on the framework Vaadin registered in the servlet context,
 * once the service is up (each new socket reads it). Measured with the load program's idle phase (README).
 */
@Component
class PushBuffers implements VaadinServiceInitListener {

    private static final Logger LOG = LoggerFactory.getLogger(PushBuffers.class);

    private final int bufferSize;

    PushBuffers(@Value("${jielong.push.websocket-buffer-size:1024}") int bufferSize) {
        if (bufferSize < 256) {
            throw new IllegalArgumentException(
                    "jielong.push.websocket-buffer-size must be at least 256, got " + bufferSize);
        }
        this.bufferSize = bufferSize;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        if (!(event.getSource() instanceof VaadinServletService service)) {
            return;
        }
        ServletContext context = service.getServlet().getServletContext();
        int set = 0;
        for (String name : Collections.list(context.getAttributeNames())) {
            if (context.getAttribute(name) instanceof AtmosphereFramework framework) {
                framework.addInitParameter(ApplicationConfig.WEBSOCKET_BUFFER_SIZE, Integer.toString(bufferSize));
                set++;
            }
        }
        LOG.info("push WebSocket buffers: {} on {} Atmosphere framework(s)", bufferSize, set);
    }
}
