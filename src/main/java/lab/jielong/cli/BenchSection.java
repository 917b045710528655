package lab.jielong.cli;

import java.util.Map;

/**
 * One part of {@code bench}: prints its figures as it measures and returns them for the JSON
 * summary (nested under {@link #key()}; times in ms). Add a section by listing it in
 * {@link BenchCommand#SECTIONS}.
 */
public interface BenchSection {

    /** Key of this section's figures in the JSON object; null to merge them at the top level. */
    String key();

    /** The name {@code --section} selects this section by: its key, or its own name when it has none. */
    default String name() {
        return key();
    }

    Map<String, Object> run(BenchContext context) throws Exception;
}
