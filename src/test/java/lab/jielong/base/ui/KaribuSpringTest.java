package lab.jielong.base.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * Base of the browserless UI tests: the real Spring context (corpus, models, services), Vaadin mocked by
 * Karibu-Testing, so views run their server-side code without a browser. One context for all such tests.
 */
@SpringBootTest(properties = "jielong.ui.pace-ms=0")
public abstract class KaribuSpringTest {

    private static final Routes ROUTES = new Routes().autoDiscoverViews("lab.jielong");

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
}
