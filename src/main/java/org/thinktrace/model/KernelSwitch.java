package org.thinktrace.model;

/** A system property that switches a kernel on or off by one of two names; any other value is refused by name. */
final class KernelSwitch {

    private KernelSwitch() {
    }

    /**
     * Whether {@code property} (or {@code defaultValue} when it is unset) names the kernel {@code onValue}.
     *
     * @throws IllegalArgumentException naming the property and the value when it is neither {@code first} nor
     *                                  {@code second} ({@code onValue} is one of the two)
     */
    static boolean isOn(String property, String defaultValue, String onValue, String first, String second) {
        String value = System.getProperty(property, defaultValue);
        if (!value.equals(first) && !value.equals(second)) {
            throw new IllegalArgumentException("-D" + property + " must be " + first + " or " + second + ", was '"
                    + value + "'");
        }
        return value.equals(onValue);
    }
}
