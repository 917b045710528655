package lab.jielong.embed;

import java.util.List;
import java.util.Map;

/**
 * A page whose state the "share / embed" dialog can put into a link: its own link parameters as the visitor
 * has set them now (the page-wide ones, {@code lang}, {@code theme}, {@code hide}, are added by the dialog).
 */
public interface ShareableState {

    /** The parameters that reproduce what the page shows now, in the order a link should list them. */
    Map<String, String> sharedState();

    /** The names {@code hide=} understands on this page, for the dialog to offer. */
    default List<String> hideableControls() {
        return List.of();
    }
}
