package lab.jielong.engine.train;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
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

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

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

    /**
     * One update of params with grads at learning rate lr: the scalar loop, torch's formula term by term. The
     * trainer runs {@link #begin} and {@link #update} instead (vectorised, a slice per thread), which give the
     * same floats: the vector lanes do the same correctly rounded operations in the same order.
     */
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

    /** The step's constants, from {@link #begin}: shared by the slices of one update. */
    public record StepSize(float lr, float stepSize, float bc2Sqrt) {
    }

    /** Starts an update (counts the step; bias corrections as in {@link #step}); then {@link #update} every slice. */
    public StepSize begin(float lr) {
        t++;
        double bc1 = 1 - Math.pow(beta1, t), bc2 = 1 - Math.pow(beta2, t);
        return new StepSize(lr, (float) (lr / bc1), (float) Math.sqrt(bc2));
    }

    /**
     * The update of params[from, to) with grads · gradScale (the clipping factor, applied as the float
     * product clipping in place gives; 1 for none): {@link #step}'s loop with the Vector API. Slices of one
     * step may run on different threads at the same time.
     */
    public void update(StepSize s, float[] params, float[] grads, float gradScale, int from, int to) {
        FloatVector b1 = FloatVector.broadcast(S, beta1), b2 = FloatVector.broadcast(S, beta2);
        FloatVector ob1 = FloatVector.broadcast(S, 1 - beta1), ob2 = FloatVector.broadcast(S, 1 - beta2);
        FloatVector bc2 = FloatVector.broadcast(S, s.bc2Sqrt()), ep = FloatVector.broadcast(S, eps);
        FloatVector step = FloatVector.broadcast(S, s.stepSize());
        for (ParameterLayout.Group g : layout.groups()) {
            int lo = Math.max(from, g.offset()), hi = Math.min(to, g.offset() + g.size());
            if (lo >= hi) {
                continue;
            }
            float decay = g.decay() ? 1f - s.lr() * weightDecay : 1f;
            FloatVector dv = FloatVector.broadcast(S, decay);
            int i = lo;
            for (int end = lo + (hi - lo) / S.length() * S.length(); i < end; i += S.length()) {
                FloatVector gr = FloatVector.fromArray(S, grads, i);
                if (gradScale != 1f) {
                    gr = gr.mul(gradScale);
                }
                FloatVector mi = b1.mul(FloatVector.fromArray(S, m, i)).add(ob1.mul(gr));
                FloatVector vi = b2.mul(FloatVector.fromArray(S, v, i)).add(ob2.mul(gr).mul(gr));
                mi.intoArray(m, i);
                vi.intoArray(v, i);
                FloatVector denom = vi.sqrt().div(bc2).add(ep);
                FloatVector.fromArray(S, params, i).mul(dv).sub(step.mul(mi).div(denom)).intoArray(params, i);
            }
            for (; i < hi; i++) {
                float gr = gradScale != 1f ? grads[i] * gradScale : grads[i];
                float mi = beta1 * m[i] + (1 - beta1) * gr;
                float vi = beta2 * v[i] + (1 - beta2) * gr * gr;
                m[i] = mi;
                v[i] = vi;
                float denom = (float) Math.sqrt(vi) / s.bc2Sqrt() + eps;
                params[i] = params[i] * decay - s.stepSize() * mi / denom;
            }
        }
    }

    /** Σ g² over grads[from, to), in double (a slice of {@link #clipGradNorm}'s sum). */
    public static double sumOfSquares(float[] grads, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) grads[i] * grads[i];
        }
        return s;
    }

    /** The factor {@link #clipGradNorm} scales the gradients by, for this norm: 1 when it is within maxNorm. */
    public static float clipScale(double norm, double maxNorm) {
        return norm > maxNorm ? (float) (maxNorm / (norm + 1e-6)) : 1f;
    }
}
