package lab.jielong.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The API's limits ({@code jielong.api.*}).
 *
 * @param maxBodyBytes      a request body larger than this is refused with 413
 * @param requestsPerSecond sustained requests one client (one remote address) may make; more answer 429
 * @param burst             requests a client may make at once before the rate applies
 * @param modelSlots        model computations running at once for the API; the pages are not counted
 * @param modelWaitMillis   how long a request waits for a free slot before it answers 503
 */
@ConfigurationProperties("jielong.api")
public record ApiProperties(Integer maxBodyBytes, Double requestsPerSecond, Integer burst, Integer modelSlots,
        Long modelWaitMillis) {

    public ApiProperties {
        maxBodyBytes = positive(maxBodyBytes, 8 * 1024, "max-body-bytes");
        requestsPerSecond = requestsPerSecond == null ? 10.0 : requestsPerSecond;
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException(
                    "jielong.api.requests-per-second must be positive, got " + requestsPerSecond);
        }
        burst = positive(burst, 20, "burst");
        modelSlots = positive(modelSlots, 2, "model-slots");
        modelWaitMillis = modelWaitMillis == null ? 1000L : Math.max(0, modelWaitMillis);
    }

    private static int positive(Integer value, int otherwise, String name) {
        if (value == null) {
            return otherwise;
        }
        if (value <= 0) {
            throw new IllegalArgumentException("jielong.api." + name + " must be positive, got " + value);
        }
        return value;
    }
}
