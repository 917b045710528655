package lab.jielong.work;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The server's one {@link ModelWork}, sized by {@link WorkProperties}. */
@Configuration
@EnableConfigurationProperties(WorkProperties.class)
class WorkConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WorkConfiguration.class);

    @Bean(destroyMethod = "close")
    ModelWork modelWork(WorkProperties properties) {
        log.info("Model work: {} threads, at most {} waiting, {} ms wait at most (jielong.work.*)",
                properties.threads(), properties.queue(), properties.queueWait().toMillis());
        return new ModelWork(properties.threads(), properties.queue(), properties.queueWait());
    }
}
