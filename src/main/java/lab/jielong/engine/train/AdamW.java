package lab.jielong.engine.train;

import lab.jielong.engine.ParameterLayout;
import lab.jielong.engine.VecMath;

/**
 * AdamW exactly as torch.optim.AdamW (the settings come from {@link TrainConfig}; the reference's are betas
 * 0.9/0.95, eps 1e-8, weight decay 0.1): decoupled weight decay on the
 * matrices only (wte, wpe, qkvw, attprojw, fcw, fcprojw), none on biases and LayerNorm parameters.
 * Moments live in flat arrays with the parameters' layout, so a step is one loop per group.
 * Gradient clipping follows {@code torch.nn.utils.clip_grad_norm_}.
 */
public final class AdamW {

    public final float beta1, beta2, eps, weightDecay;
    private final ParameterLayout layout;
    private final float[] m, v;
    private int t;

    public AdamW(ParameterLayout layout, float beta1, float beta2, float eps, float weightDecay) {
        this.layout = layout;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        m = new float[layout.size];
        v = new float[layout.size];
    }

    /** L2 norm of all gradients; if above maxNorm, scales them by maxNorm / (norm + 1e-6). Returns the norm. */
    public static double clipGradNorm(float[] grads, double maxNorm) {
        double s = 0;
        for (float g : grads) {
            s += (double) g * g;
        }
        double norm = Math.sqrt(s);
        if (norm > maxNorm) {
            VecMath.scale(grads, 0, grads.length, (float) (maxNorm / (norm + 1e-6)));
        }
        return norm;
    }

    /** One update of params with grads at learning rate lr. */
    public void step(float[] params, float[] grads, float lr) {
        t++;
        // bias corrections as torch computes them: step size lr / (1 - b1^t), denominator sqrt(v / (1 - b2^t)) + eps
        double bc1 = 1 - Math.pow(beta1, t), bc2 = 1 - Math.pow(beta2, t);
        float stepSize = (float) (lr / bc1);
        float bc2Sqrt = (float) Math.sqrt(bc2);
        for (ParameterLayout.Group g : layout.groups()) {
            float decay = g.decay() ? 1f - lr * weightDecay : 1f;
            int end = g.offset() + g.size();
            for (int i = g.offset(); i < end; i++) {
                float gr = grads[i];
                float mi = beta1 * m[i] + (1 - beta1) * gr;
                float vi = beta2 * v[i] + (1 - beta2) * gr * gr;
                m[i] = mi;
                v[i] = vi;
                float denom = (float) Math.sqrt(vi) / bc2Sqrt + eps;
                params[i] = params[i] * decay - stepSize * mi / denom;
            }
        }
    }

    public int steps() {
        return t;
    }
}
