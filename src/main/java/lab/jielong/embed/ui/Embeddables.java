package lab.jielong.embed.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.router.Route;
import lab.jielong.embed.Embeddable;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every view marked {@link Embeddable}, found once on the class path under {@code lab.jielong} (the views are
 * package-private, so Spring's scanner, which reads class files, finds them where reflection on public types
 * would not). A mark that leaves no path, or two views on one path, stop the first embed request with a message
 * naming the views.
 */
public final class Embeddables {

    /**
     * One embeddable view.
     *
     * @param embedPath under {@code /embed/}
     * @param pagePath  its page on the site ({@code ""} is Play), if it has one
     */
    public record Entry(Class<? extends Component> view, String embedPath, Optional<String> pagePath, String titleKey,
            int height, Optional<String> element) {
    }

    private static final String PACKAGE = "lab.jielong";

    private Embeddables() {
    }

    /** All of them, by embed path. */
    public static List<Entry> all() {
        return Holder.ALL;
    }

    public static Optional<Entry> byEmbedPath(String path) {
        return all().stream().filter(e -> e.embedPath().equals(path)).findFirst();
    }

    public static Optional<Entry> byView(Class<?> view) {
        return all().stream().filter(e -> e.view().equals(view)).findFirst();
    }

    /** Scanned on first use. */
    private static final class Holder {
        static final List<Entry> ALL = scan();
    }

    @SuppressWarnings("unchecked")
    static List<Entry> scan() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Embeddable.class));
        List<Entry> entries = new ArrayList<>();
        for (BeanDefinition found : scanner.findCandidateComponents(PACKAGE)) {
            Class<?> type = ClassUtils.resolveClassName(found.getBeanClassName(), Embeddables.class.getClassLoader());
            if (!Component.class.isAssignableFrom(type)) {
                throw new IllegalStateException("@Embeddable " + type.getName() + " is not a Vaadin component");
            }
            entries.add(entry((Class<? extends Component>) type));
        }
        entries.sort(Comparator.comparing(Entry::embedPath));
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i).embedPath().equals(entries.get(i - 1).embedPath())) {
                throw new IllegalStateException("two views embed at /embed/" + entries.get(i).embedPath() + ": "
                        + entries.get(i - 1).view().getName() + " and " + entries.get(i).view().getName());
            }
        }
        return List.copyOf(entries);
    }

    static Entry entry(Class<? extends Component> view) {
        Embeddable mark = view.getAnnotation(Embeddable.class);
        Route route = view.getAnnotation(Route.class);
        Optional<String> page = Optional.ofNullable(route).map(Route::value);
        String path = !mark.value().isEmpty() ? mark.value() : page.orElse("");
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalStateException(
                    "@Embeddable " + view.getName() + " needs a path such as \"play\" (its route is "
                            + page.map(p -> "\"" + p + "\"").orElse("not set") + ")");
        }
        return new Entry(view, path, page, mark.title(), mark.height(),
                mark.element().isEmpty() ? Optional.empty() : Optional.of(mark.element()));
    }
}
