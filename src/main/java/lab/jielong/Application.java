package lab.jielong;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.Theme;
import lab.jielong.cli.Cli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Jielong Lab: the web playground (no arguments) or one of the engine's command-line programs.
 *
 * <p>{@code java -jar jielong-lab.jar} starts the playground on port 8080 (so do Spring-style options alone,
 * e.g. {@code --server.port=9090}); {@code train}, {@code eval} and {@code bench} as first argument run the
 * engine's programs without starting the web server, and any other first argument is refused with the list
 * of commands ({@link Cli}).
 * Server push streams the computer's answer character by character.
 */
@SpringBootApplication
@Push
@Theme("jielong")
@Meta(name = "viewport", content = "width=device-width, initial-scale=1")
public class Application implements AppShellConfigurator {

    /** The icon in the browser's tab (an SVG, and a PNG for browsers without SVG icons), from META-INF/resources/icons. */
    @Override
    public void configurePage(AppShellSettings settings) {
        settings.addFavIcon("icon", "icons/favicon.svg", "any");
        settings.addFavIcon("icon", "icons/favicon-32.png", "32x32");
        settings.addFavIcon("apple-touch-icon", "icons/favicon-180.png", "180x180");
    }

    public static void main(String[] args) throws Exception {
        if (Cli.startsServer(args)) {
            SpringApplication.run(Application.class, args);
            return;
        }
        int status = Cli.run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }
}
