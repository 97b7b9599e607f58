package org.thinktrace;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Keeps the package rules: each package under {@code org.thinktrace} has one job and uses only the floors below
 * it. {@code model} (config, weights, decoder, DJL runtime) uses none of the packages above it; {@code text}
 * (tokenizer, chat template, think parser) and {@code generate} (sampling, the generation loop and its events)
 * stay below {@code chat}, {@code inspect}, {@code train}, {@code cli} and {@code ui}; {@code serve} and
 * {@code remote} use neither {@code chat}, {@code train}, {@code cli} nor {@code ui}, and {@code remote} not
 * {@code serve} or {@code inspect}; {@code files} uses no other package of ThinkTrace; {@code ui} uses neither
 * {@code cli} nor {@code train}; and only {@code ui} imports JavaFX.
 */
class ArchitectureTest {

    /**
     * The project's main classes, read from their own folder (or jar) only: scanning the whole class path for the
     * package would open every library jar. The rules need the names of what these classes use, not those classes.
     */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importLocations(Set.of(Location.of(mainClassesLocation())));

    private static java.net.URI mainClassesLocation() {
        try {
            return org.thinktrace.cli.Main.class.getProtectionDomain().getCodeSource().getLocation().toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("the main classes' location is not a URI", e);
        }
    }

    @Test
    void theImportFoundTheProjectsClasses() {
        assertTrue(MAIN.containPackage("org.thinktrace.ui") && MAIN.containPackage("org.thinktrace.model"),
                "the rules below would pass vacuously on an empty import");
    }

    @Test
    void onlyTheUiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackage("org.thinktrace.ui..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .allowEmptyShould(true)
                .check(MAIN);
    }

    @Test
    void lowerLayersDoNotReachUp() {
        noClasses().that().resideInAnyPackage("org.thinktrace.model..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.thinktrace.text..", "org.thinktrace.generate..", "org.thinktrace.chat..",
                        "org.thinktrace.inspect..", "org.thinktrace.train..", "org.thinktrace.cli..", "org.thinktrace.ui..")
                .allowEmptyShould(true)
                .check(MAIN);
        noClasses().that().resideInAnyPackage("org.thinktrace.text..", "org.thinktrace.generate..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.thinktrace.chat..", "org.thinktrace.inspect..", "org.thinktrace.train..",
                        "org.thinktrace.cli..", "org.thinktrace.ui..")
                .allowEmptyShould(true)
                .check(MAIN);
        noClasses().that().resideInAnyPackage("org.thinktrace.serve..", "org.thinktrace.remote..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.thinktrace.chat..", "org.thinktrace.train..", "org.thinktrace.cli..", "org.thinktrace.ui..")
                .allowEmptyShould(true)
                .check(MAIN);
        noClasses().that().resideInAnyPackage("org.thinktrace.remote..")
                .should().dependOnClassesThat().resideInAnyPackage("org.thinktrace.serve..", "org.thinktrace.inspect..")
                .allowEmptyShould(true)
                .check(MAIN);
        noClasses().that().resideInAnyPackage("org.thinktrace.files..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.thinktrace.model..", "org.thinktrace.text..", "org.thinktrace.generate..",
                        "org.thinktrace.chat..", "org.thinktrace.inspect..", "org.thinktrace.serve..",
                        "org.thinktrace.remote..", "org.thinktrace.log..", "org.thinktrace.train..",
                        "org.thinktrace.cli..", "org.thinktrace.ui..")
                .allowEmptyShould(true)
                .check(MAIN);
        noClasses().that().resideInAnyPackage("org.thinktrace.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("org.thinktrace.cli..", "org.thinktrace.train..")
                .allowEmptyShould(true)
                .check(MAIN);
    }
}
