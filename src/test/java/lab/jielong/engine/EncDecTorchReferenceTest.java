package lab.jielong.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lab.jielong.engine.train.AdamW;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TorchReferenceTest} for the encoder-decoder: src/test/python/torch_encdec_fixture.py wrote a tiny
 * model's parameters, a batch (one source padded), torch's logits, loss, gradients and five AdamW steps; the
 * engine must reproduce every tensor within float32 tolerance.
 */
class EncDecTorchReferenceTest {

    private static float[] floats(JsonNode a) {
        float[] f = new float[a.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) a.get(i).asDouble();
        }
        return f;
    }

    private static void compare(String what, float[] ours, float[] torch, double atol, double rtol) {
        assertEquals(torch.length, ours.length, what + " length");
        double worst = 0;
        int at = -1;
        for (int i = 0; i < ours.length; i++) {
            double d = Math.abs(ours[i] - torch[i]);
            if (d > atol + rtol * Math.abs(torch[i])) {
                at = i;
            }
            worst = Math.max(worst, d);
        }
        System.out.printf("  %-14s worst |diff| %.3e over %d values%n", what, worst, ours.length);
        assertTrue(at < 0, what + " differs at index " + at + ": java " + (at < 0 ? 0 : ours[at]) + ", torch "
                + (at < 0 ? 0 : torch[at]));
    }

    @Test
    void matchesPyTorch() throws Exception {
        JsonNode f;
        try (InputStream in = getClass().getResourceAsStream("torch_fixture_encdec.json")) {
            assertNotNull(in, "fixture torch_fixture_encdec.json missing");
            f = new ObjectMapper().readTree(in);
        }
        JsonNode c = f.get("config");
        EncDecConfig config = new EncDecConfig(c.get("vocab_size").asInt(), c.get("source_context").asInt(),
                c.get("target_context").asInt(), c.get("d_model").asInt(), c.get("encoder_layers").asInt(),
                c.get("decoder_layers").asInt(), c.get("n_head").asInt(), c.get("d_ff").asInt());
        int B = f.get("B").asInt(), Tx = config.sourceContext(), Ty = config.targetContext(), row = Tx + Ty + 1;
        int[] rows = new int[B * row];
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < row; t++) {
                rows[b * row + t] = f.get("rows").get(b).get(t).asInt();
            }
        }
        EncoderDecoder model = new EncoderDecoder(config, floats(f.get("params")));
        JsonNode layout = f.get("param_layout");
        assertEquals(layout.size(), model.layout.groups().size());
        for (int i = 0; i < layout.size(); i++) {
            assertEquals(layout.get(i).get("name").asText(), model.layout.groups().get(i).name());
            assertEquals(layout.get(i).get("offset").asInt(), model.layout.groups().get(i).offset());
        }
        System.out.println("torch_fixture_encdec.json (" + config.describe() + ")");
        EncDecPass pass = new EncDecPass(model, B);
        double sum = pass.forward(rows, 0, row, B, Tx, Ty);
        int count = pass.targetCount();
        compare("logits", Arrays.copyOf(pass.logits(), B * Ty * config.vocabSize()), floats(f.get("logits")), 1e-5,
                1e-4);
        compare("loss", new float[] {(float) (sum / count)}, new float[] {(float) f.get("loss").asDouble()}, 1e-6,
                1e-5);
        float[] grads = new float[model.parameterCount()];
        pass.backward(grads, 1f / count);
        compare("grads", grads, floats(f.get("grads")), 2e-6, 1e-3);
        JsonNode a = f.get("adamw");
        AdamW opt = new AdamW(model.layout.groups(), model.parameterCount(), (float) a.get("beta1").asDouble(),
                (float) a.get("beta2").asDouble(), (float) a.get("eps").asDouble(),
                (float) a.get("weight_decay").asDouble());
        float lr = (float) a.get("lr").asDouble();
        int steps = a.get("steps").asInt();
        float[] losses = new float[steps];
        for (int s = 0; s < steps; s++) {
            Arrays.fill(grads, 0f);
            losses[s] = (float) (pass.forward(rows, 0, row, B, Tx, Ty) / count);
            pass.backward(grads, 1f / count);
            AdamW.clipGradNorm(grads, a.get("grad_clip").asDouble());
            opt.step(model.parameters(), grads, lr);
        }
        compare("adamw losses", losses, floats(a.get("losses")), 1e-5, 1e-4);
        // key biases (self- and cross-attention) have an exactly zero true gradient: compare them loosely
        float[] ours = model.parameters().clone(), theirs = floats(a.get("params_after"));
        int C = config.dModel();
        for (ParameterLayout.Group g : model.layout.groups()) {
            boolean qkv = g.name().endsWith("qkvb"), kv = g.name().equals("dec.xkvb");
            if (qkv || kv) {
                int per = qkv ? 3 * C : 2 * C, from = qkv ? C : 0;
                for (int l = 0; l < g.size() / per; l++) {
                    for (int i = 0; i < C; i++) {
                        int k = g.offset() + l * per + from + i;
                        assertTrue(Math.abs(ours[k] - theirs[k]) < 10 * lr, "key bias moved too far at " + k);
                        ours[k] = theirs[k];
                    }
                }
            }
        }
        compare("params after", ours, theirs, 1e-5, 1e-3);
    }
}
