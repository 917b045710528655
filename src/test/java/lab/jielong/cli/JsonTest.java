package lab.jielong.cli;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The commands' JSON keeps the layout and number format of the records already written. */
class JsonTest {

    @Test
    void compactAndIndentedLikeTheShippedRecords() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("lr", (double) 4e-3f);
        inner.put("eps", 1e-8f);
        inner.put("grad_clip", 1.0);
        inner.put("steps", 15000);
        inner.put("causal", true);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "decoder \"d\"");
        m.put("training", inner);
        m.put("examples", List.of("一心一意→意气风发", "x"));
        m.put("loss", 1.16190123);
        m.put("nan", Double.NaN);
        m.put("empty", Map.of());
        assertEquals("{\"name\":\"decoder \\\"d\\\"\",\"training\":{\"lr\":0.004,\"eps\":1e-08,\"grad_clip\":1,"
                + "\"steps\":15000,\"causal\":true},\"examples\":[\"一心一意→意气风发\",\"x\"],\"loss\":1.1619,"
                + "\"nan\":null,\"empty\":{}}", Json.write(m, false));
        assertEquals("""
                {
                  "name": "decoder \\"d\\"",
                  "training": {
                    "lr": 0.004,
                    "eps": 1e-08,
                    "grad_clip": 1,
                    "steps": 15000,
                    "causal": true
                  },
                  "examples": ["一心一意→意气风发", "x"],
                  "loss": 1.1619,
                  "nan": null,
                  "empty": {}
                }""", Json.write(m, true));
    }
}
