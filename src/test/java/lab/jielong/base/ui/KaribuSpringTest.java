package lab.jielong.base.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.Route;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Base of the browserless UI tests: the real Spring context (corpus, models, services), Vaadin mocked by
 * Karibu-Testing, so views run their server-side code without a browser. One context for all such tests.
 * Pacing is off (a paced answer or a played snowball runs at once, in the test's thread), and so is the snowball
 * lab's warm-up (a second of CPU the tests do not need). A visitor may act faster than in production (40 at once,
 * 20 a second): tests click without pause.
 */
@SpringBootTest(properties = {"jielong.ui.pace-ms=0", "jielong.snowball.play-ms=0", "jielong.snowball.warm-up=false",
        "jielong.work.visitor-rate=20", "jielong.work.visitor-burst=40"})
public abstract class KaribuSpringTest {

    /** The routes every browserless test registers (also for a second visitor on a thread of its own). */
    protected static final Routes ROUTES = routes();

    @Autowired
    private ApplicationContext context;

    @BeforeEach
    void setUpVaadin() {
        MockVaadin.setup(UI::new, new MockSpringServlet(ROUTES, context, UI::new));
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
    }

    /** Another visitor: a fresh Vaadin session (and UI) in place of the current one. */
    protected void newVisitor() {
        MockVaadin.tearDown();
        setUpVaadin();
    }

    /**
     * Every {@code @Route} under lab.jielong registered at start-up. Karibu's own discovery sees public classes
     * only, and the views are package-private; Spring's scanner, which reads the class files, finds them all.
     */
    @SuppressWarnings("unchecked")
    private static Routes routes() {
        Routes routes = new Routes().autoDiscoverViews("lab.jielong");
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        for (BeanDefinition found : scanner.findCandidateComponents("lab.jielong")) {
            Class<?> view =
                    ClassUtils.resolveClassName(found.getBeanClassName(), KaribuSpringTest.class.getClassLoader());
            if (view.getAnnotation(Route.class).registerAtStartup()) {
                routes.getRoutes().add((Class<? extends Component>) view);
            }
        }
        return routes;
    }
}
