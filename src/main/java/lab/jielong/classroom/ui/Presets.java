package lab.jielong.classroom.ui;

import com.vaadin.flow.component.Component;
import lab.jielong.classroom.Preset;

/** A preset in words, for the leader's and the attendees' pages. */
final class Presets {

    private Presets() {
    }

    static String describe(Component page, Preset preset) {
        if (preset instanceof Preset.Play play) {
            return page.getTranslation("preset.play",
                    page.getTranslation("mode." + play.mode().name()),
                    page.getTranslation("difficulty." + play.difficulty().name()),
                    page.getTranslation("preset.opener." + play.opener().name()),
                    page.getTranslation(play.guided() ? "preset.guided" : "preset.free"));
        }
        if (preset instanceof Preset.Guess guess) {
            return guess.prefix().isEmpty() ? page.getTranslation("preset.guess.random")
                    : page.getTranslation("preset.guess", guess.prefix());
        }
        Preset.Lab lab = (Preset.Lab) preset;
        String name = page.getTranslation("preset.lab." + lab.lab());
        if (name.startsWith("!")) {            // Vaadin's "!en: key" for a missing key: the route's name will do
            name = lab.lab();
        }
        return lab.prompt().isEmpty() ? page.getTranslation("preset.lab", name)
                : page.getTranslation("preset.lab.prompt", name, lab.prompt());
    }
}
