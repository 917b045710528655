package lab.jielong.classroom;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.stereotype.Component;

/** Gives up a browser session's seat when the session ends, so the room's "joined" count stays true. */
@Component
class ClassroomSessions implements VaadinServiceInitListener {

    private final ClassroomService classroom;

    ClassroomSessions(ClassroomService classroom) {
        this.classroom = classroom;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionDestroyListener(e -> classroom.sessionEnded(e.getSession()));
    }
}
