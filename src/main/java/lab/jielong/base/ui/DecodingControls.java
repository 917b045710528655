package lab.jielong.base.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.shared.HasValidationProperties;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import lab.jielong.engine.decode.DecodingConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How free writing chooses each next token, the same on every page that lets the model write: greedy, or
 * sampling with temperature, top-k, top-p and a seed ({@link DecodingConfig}). {@link #value()} checks the
 * fields and says in the visitor's language what is wrong with one. Ids start with the page's prefix
 * ({@code <prefix>-decoding}, {@code <prefix>-temperature} …).
 */
public class DecodingControls extends Div implements LocaleChangeObserver {

    private final RadioButtonGroup<Boolean> mode = new RadioButtonGroup<>();
    private final NumberField temperature = new NumberField();
    private final IntegerField topK = new IntegerField();
    private final NumberField topP = new NumberField();
    private final IntegerField seed = new IntegerField();
    private final Button newSeed = new Button();
    private final List<Runnable> listeners = new ArrayList<>();

    public DecodingControls(String idPrefix) {
        addClassName("jl-decoding");
        setId(idPrefix + "-decoding-controls");
        mode.setId(idPrefix + "-decoding");
        mode.setItems(false, true);
        mode.setValue(false);
        temperature.setId(idPrefix + "-temperature");
        temperature.setStep(0.1);
        temperature.setStepButtonsVisible(true);
        temperature.setValue(1.0);
        topK.setId(idPrefix + "-top-k");
        topK.setStepButtonsVisible(true);
        topK.setValue(40);
        topP.setId(idPrefix + "-top-p");
        topP.setStep(0.05);
        topP.setValue(0.95);
        seed.setId(idPrefix + "-seed");
        seed.setValue(1);
        newSeed.setId(idPrefix + "-new-seed");
        newSeed.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        newSeed.addClickListener(e -> seed.setValue(ThreadLocalRandom.current().nextInt(1, 100_000)));
        for (var field : List.of(temperature, topP)) {
            field.setManualValidation(true);
            field.addValueChangeListener(e -> changed());
        }
        for (var field : List.of(topK, seed)) {
            field.setManualValidation(true);
            field.addValueChangeListener(e -> changed());
        }
        mode.addValueChangeListener(e -> {
            enableSampling();
            changed();
        });
        HorizontalLayout sampling = new HorizontalLayout(temperature, topK, topP, seed, newSeed);
        sampling.setAlignItems(FlexComponent.Alignment.BASELINE);
        sampling.addClassName("jl-sampling");
        add(mode, sampling);
        enableSampling();
    }

    /** Called whenever the visitor changes a setting. */
    public void addChangeListener(Runnable listener) {
        listeners.add(listener);
    }

    /** The settings, or empty when a field is wrong (which is then marked, with a message). */
    public Optional<DecodingConfig> value() {
        if (!Boolean.TRUE.equals(mode.getValue())) {
            clearInvalid();
            return Optional.of(DecodingConfig.greedy());
        }
        Double t = temperature.getValue(), p = topP.getValue();
        Integer k = topK.getValue(), s = seed.getValue();
        boolean ok = mark(temperature, t != null && t >= DecodingConfig.MIN_TEMPERATURE
                && t <= DecodingConfig.MAX_TEMPERATURE,
                getTranslation("decoding.invalid.temperature", DecodingConfig.MIN_TEMPERATURE,
                        DecodingConfig.MAX_TEMPERATURE));
        ok &= mark(topK, k != null && k >= 1, getTranslation("decoding.invalid.topK"));
        ok &= mark(topP, p != null && p > 0 && p <= 1, getTranslation("decoding.invalid.topP"));
        ok &= mark(seed, s != null, getTranslation("decoding.invalid.seed"));
        return ok ? Optional.of(DecodingConfig.sampling(t, k, p, s)) : Optional.empty();
    }

    /** Shows these settings. */
    public void setValue(DecodingConfig config) {
        mode.setValue(config.sample());
        if (config.sample()) {
            temperature.setValue(config.temperature());
            topK.setValue(config.topK());
            topP.setValue(config.topP());
            seed.setValue((int) config.seed());
        }
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        mode.setLabel(getTranslation("decoding.mode"));
        mode.setItemLabelGenerator(sample -> getTranslation(sample ? "decoding.sample" : "decoding.greedy"));
        mode.setHelperText(getTranslation("decoding.help"));
        temperature.setLabel(getTranslation("decoding.temperature"));
        topK.setLabel(getTranslation("decoding.topK"));
        topP.setLabel(getTranslation("decoding.topP"));
        seed.setLabel(getTranslation("decoding.seed"));
        newSeed.setText(getTranslation("decoding.newSeed"));
    }

    private void enableSampling() {
        boolean sample = Boolean.TRUE.equals(mode.getValue());
        temperature.setEnabled(sample);
        topK.setEnabled(sample);
        topP.setEnabled(sample);
        seed.setEnabled(sample);
        newSeed.setEnabled(sample);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    private void clearInvalid() {
        temperature.setInvalid(false);
        topK.setInvalid(false);
        topP.setInvalid(false);
        seed.setInvalid(false);
    }

    private static boolean mark(HasValidationProperties field, boolean ok,
            String message) {
        field.setInvalid(!ok);
        field.setErrorMessage(ok ? null : message);
        return ok;
    }
}
