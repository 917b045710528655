package lab.jielong.base.ui;

import lab.jielong.engine.Gpt;
import lab.jielong.models.ModelService;
import lab.jielong.models.Models;
import lab.jielong.models.SessionModels;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Each Vaadin session holds its visitor's own models; another visitor, and the shipped models, are untouched. */
class VisitorModelsTest extends KaribuSpringTest {

    @Autowired
    private ModelService models;

    @Test
    void aVisitorsOwnModelStaysInTheirSession() {
        Models shipped = models.shipped();
        int shippedWeights = Arrays.hashCode(shipped.decoder().parameters());
        SessionModels first = models.visitor().orElseThrow();
        assertThat(models.current()).isSameAs(shipped);

        Gpt own = new Gpt(shipped.decoder().config, shipped.decoder().parameters().clone());
        own.parameters()[0] += 1f;                           // a lab changed its copy
        first.use(shipped.withDecoder(own, "a copy changed by a test"));
        assertThat(models.visitor().orElseThrow()).isSameAs(first);
        assertThat(models.current().decoder()).isSameAs(own);

        newVisitor();
        SessionModels second = models.visitor().orElseThrow();
        assertThat(second).isNotSameAs(first);
        assertThat(second.own()).isEmpty();
        assertThat(models.current()).isSameAs(shipped);
        assertThat(first.own().orElseThrow().decoder()).isSameAs(own);
        assertThat(Arrays.hashCode(shipped.decoder().parameters())).isEqualTo(shippedWeights);
    }
}
