package lab.jielong.embed;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a view embeddable: it is also served without the page frame at {@code /embed/<path>}, where
 * {@code <path>} is {@link #value()} or, by default, the view's own {@code @Route} path. So a lab becomes
 * embeddable with this one line beside its route:
 *
 * <pre>{@code
 * @Route(value = "labs/snowball", layout = MainLayout.class)
 * @Menu(title = "nav.snowball", order = 10)
 * @Embeddable                                   // → /embed/labs/snowball
 * class SnowballView extends Div implements BeforeEnterObserver, ShareableState { … }
 * }</pre>
 *
 * The embed page ({@code lab.jielong.embed.ui.EmbedView}) creates the view as Vaadin would (constructor
 * injection works), hands it the navigation's {@code BeforeEnterEvent} if it observes one, and adds what an
 * embedded page needs around it: the notes on bad link parameters, the share button, the events to the host
 * page, the theme, and the check that the browser kept the session cookie. The view reads its link parameters
 * with {@link UrlState}, may post events with {@link EmbedEvents}, and tells the share dialog its state by
 * implementing {@link ShareableState}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Embeddable {

    /** The path under {@code /embed/}; empty: the view's {@code @Route} path. */
    String value() default "";

    /** The translation key of the widget's name, for the embed index and the {@code <iframe>} title. */
    String title() default "";

    /** The height in pixels the {@code <iframe>} snippet suggests (the frame can also fit its content). */
    int height() default 640;

    /** The custom element exporting the same widget ({@code jielong-game}), if there is one. */
    String element() default "";
}
