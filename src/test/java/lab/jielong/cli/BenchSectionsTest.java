package lab.jielong.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BenchSectionsTest {

    @Test
    void everySectionCanBeChosenByItsOwnName() {
        List<String> names = BenchCommand.SECTIONS.stream().map(BenchSection::name).toList();
        assertThat(names).doesNotContainNull().doesNotHaveDuplicates()
                .contains("kernels", "training", "inference", "training_lab");
    }
}
