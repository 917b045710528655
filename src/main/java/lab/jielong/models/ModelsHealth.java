package lab.jielong.models;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Actuator's {@code models} health, part of the readiness group ({@code /actuator/health/readiness}): up when the
 * idiom corpus and the shipped models are loaded and checked. {@link ModelService} loads and checks them in its
 * constructor and stops start-up if it cannot, so the server answers on its port only after this is up; the
 * indicator still checks what it reports (a dictionary with idioms, both models on its vocabulary) instead of
 * assuming it.
 */
@Component("models")
class ModelsHealth implements HealthIndicator {

    private final ModelService models;

    ModelsHealth(ModelService models) {
        this.models = models;
    }

    @Override
    public Health health() {
        Models shipped = models.shipped();
        int idioms = models.corpus().size();
        int vocabulary = shipped.vocabulary().size();
        boolean ready = idioms > 0 && shipped.decoder().config.vocabSize() == vocabulary
                && shipped.peeking().config.vocabSize() == vocabulary;
        return (ready ? Health.up() : Health.down())
                .withDetail("idioms", idioms)
                .withDetail("decoder", shipped.decoder().config.describe())
                .withDetail("peeking", shipped.peeking().config.describe())
                .withDetail("loadMillis", models.loadMillis())
                .build();
    }
}
