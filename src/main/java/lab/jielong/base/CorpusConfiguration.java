package lab.jielong.base;

import lab.jielong.corpus.IdiomCorpus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the idiom corpus once at start-up and says how long it took and what it holds. */
@Configuration(proxyBeanMethods = false)
class CorpusConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CorpusConfiguration.class);

    @Bean
    IdiomCorpus idiomCorpus() {
        long start = System.nanoTime();
        IdiomCorpus corpus = IdiomCorpus.load();
        log.info("Idiom corpus built in {} ms: {}", (System.nanoTime() - start) / 1_000_000, corpus.summary());
        return corpus;
    }
}
