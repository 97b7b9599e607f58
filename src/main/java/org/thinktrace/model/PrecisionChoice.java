package org.thinktrace.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The weight precision a user asks for: one {@link ComputePrecision}, or Auto, which {@link #resolve} turns into one
 * per model by {@link AutoPrecision}'s rule. The names ({@code auto}, then each precision's
 * {@link ComputePrecision#optionName()}) are the values of every {@code --dtype} option and of the app's saved
 * setting; a new {@link ComputePrecision} constant is one of them with no other change.
 *
 * @param fixed the precision asked for, or null for Auto
 */
public record PrecisionChoice(ComputePrecision fixed) {

    /** Chosen per model: see {@link AutoPrecision}. */
    public static final PrecisionChoice AUTO = new PrecisionChoice(null);

    /** The name of {@link #AUTO}. */
    public static final String AUTO_NAME = "auto";

    /** Exactly {@code precision}. */
    public static PrecisionChoice of(ComputePrecision precision) {
        return new PrecisionChoice(Objects.requireNonNull(precision, "precision"));
    }

    /** Auto first, then every precision in declaration order. */
    public static List<PrecisionChoice> all() {
        List<PrecisionChoice> all = new ArrayList<>();
        all.add(AUTO);
        for (ComputePrecision p : ComputePrecision.values()) all.add(of(p));
        return List.copyOf(all);
    }

    /** The names {@link #named} accepts, in the order of {@link #all()}. */
    public static List<String> names() {
        return all().stream().map(PrecisionChoice::name).toList();
    }

    /**
     * The choice called {@code name} (case ignored).
     *
     * @throws IllegalArgumentException naming the value and the known names
     */
    public static PrecisionChoice named(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (PrecisionChoice choice : all()) {
            if (choice.name().equals(wanted)) return choice;
        }
        throw new IllegalArgumentException("unknown precision '" + name + "'; known: " + String.join(", ", names()));
    }

    /** Whether the precision is chosen per model. */
    public boolean isAuto() {
        return fixed == null;
    }

    /** {@code auto}, or the precision's {@link ComputePrecision#optionName()}. */
    public String name() {
        return fixed == null ? AUTO_NAME : fixed.optionName();
    }

    /** For people: {@code Auto}, or the precision's {@link ComputePrecision#label()}. */
    public String label() {
        return fixed == null ? "Auto" : fixed.label();
    }

    /** The precision to load {@code config}'s model in: the one asked for, or Auto's pick for this model. */
    public ComputePrecision resolve(ModelConfig config) {
        return fixed != null ? fixed : AutoPrecision.choose(config);
    }
}
