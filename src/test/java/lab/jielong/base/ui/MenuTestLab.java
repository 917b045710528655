package lab.jielong.base.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

/**
 * A lab page for the menu tests only: not registered at start-up (neither the application nor the other
 * tests see it); MainLayoutTest registers it for one test.
 */
@Route(value = "labs/test", layout = MainLayout.class, registerAtStartup = false)
@Menu(title = "Test lab", order = 50)
class MenuTestLab extends Div {
}
