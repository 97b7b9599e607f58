package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a model's teacher edition is read, and that the first edition still draws exactly the problems
 * the teacher drew before editions existed: the fingerprints below were computed from the teacher
 * as it was then (family, key, question, response, answer and slip flag of every problem, in order),
 * so the first-edition bundled model keeps being checked on the same held-out problems and
 * {@code thinktrace train --recipe first-edition} keeps reproducing it.
 */
class TeacherEditionTest {

    private static final String CONFIG = "{\"model_type\": \"qwen2\", \"hidden_size\": 128%s}";

    private static Path config(Path dir, String extra) throws IOException {
        Files.writeString(dir.resolve("config.json"), CONFIG.formatted(extra));
        return dir;
    }

    @Test
    void aConfigWithoutTheKeyIsFirstEditionAndTheKeyNamesTheEdition(@TempDir Path dir) throws IOException {
        assertEquals(TeacherEdition.FIRST, TeacherEdition.ofModel(config(dir, "")));
        assertEquals(TeacherEdition.SECOND, TeacherEdition.ofModel(config(dir, ", \"thinktrace_teacher_edition\": 2")));
        assertEquals(TeacherEdition.FIRST, TeacherEdition.ofModel(config(dir, ", \"thinktrace_teacher_edition\": 1")));
    }

    /** Labels as the logs, the model card and the evaluation write them: lower case, hyphens for compounds. */
    @Test
    void labelsAreTheOrdinalsAsWritten() {
        assertEquals("first", TeacherEdition.FIRST.label());
        assertEquals("nineteenth", TeacherEdition.NINETEENTH.label());
        assertEquals("twenty-first", TeacherEdition.TWENTY_FIRST.label());
    }

    @Test
    void anUnknownEditionIsRefusedNamingTheFileAndValue(@TempDir Path dir) throws IOException {
        assertEquals(TeacherEdition.SIXTH, TeacherEdition.ofModel(config(dir, ", \"thinktrace_teacher_edition\": 6")));
        int unknown = TeacherEdition.values().length + 1;
        config(dir, ", \"thinktrace_teacher_edition\": " + unknown);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TeacherEdition.ofModel(dir));
        assertTrue(e.getMessage().contains("config.json") && e.getMessage().contains("was " + unknown)
                && e.getMessage().contains("from 1 to " + TeacherEdition.values().length), e.getMessage());
        config(dir, ", \"thinktrace_teacher_edition\": \"2\"");
        e = assertThrows(IllegalArgumentException.class, () -> TeacherEdition.ofModel(dir));
        assertTrue(e.getMessage().contains("integer"), e.getMessage());
    }

    /**
     * The third edition draws what it drew when its recipe was measured (fingerprints taken before the
     * fourth edition was added), so that {@code --recipe third-edition} reproduces that corpus.
     */
    @Test
    void thirdEditionDrawsWhatItDrewBeforeTheFourth() {
        Teacher third = Teacher.of(TeacherEdition.THIRD);
        assertEquals("fbbb966f93082e9c7a3fcd3b0a7410d2b01cbb4d759e8583d0fe71f4415d15d3",
                fingerprint(third.trainingSet(2000, 20_251_128L)));
        assertEquals("08e3bdf1e0b69590a678c7115a375bbea0cf711d97d187131d425a9a517cb175",
                fingerprint(third.heldOutPhrasingSet(20, 1)));
        assertEquals("0642ba6d1753c004f4468fa8560b678c768ad65fda43a49bdaf6100af30a4131",
                fingerprint(third.followUpSet(100, 1)));
    }

    @Test
    void firstEditionDrawsExactlyWhatTheTeacherDrewBeforeEditions() {
        Teacher first = Teacher.of(TeacherEdition.FIRST);
        assertEquals("7c06416538a458d7bcac5b3733e488184498dc0193fb810339594b5d80be027c",
                fingerprint(first.trainingSet(2000, 20_251_128L)));
        assertEquals("13c65781f89fd3a825586ad5d6653bb5c84dff67559f37eb1957c4f1d6cced95",
                fingerprint(first.evaluationSet(10, 1)));
        assertEquals("0038bee17f81df0557bd767ed04417260d9a0fa5b2157a32f8c5710d6981b1f1",
                fingerprint(first.evaluationSet(40, 1)));
    }

    @Test
    void theFirstEditionHasNoHeldOutPhrasingsFollowUpsOrOutOfScopeQuestions() {
        Teacher first = Teacher.of(TeacherEdition.FIRST);
        assertThrows(IllegalStateException.class, () -> first.heldOutPhrasingSet(1, 1));
        assertThrows(IllegalStateException.class, () -> first.followUpSet(1, 1));
        assertThrows(IllegalStateException.class, () -> first.outOfScopeSet(1, 1));
        assertTrue(first.trainingSet(1000, 2).stream().allMatch(p -> p.turns() == 1));
        assertTrue(first.families().stream().allMatch(f -> f.phrasings().stream().noneMatch(Phrasing::heldOut)));
    }

    private static String fingerprint(List<Problem> problems) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Problem p : problems) {
                for (String s : List.of(p.family(), p.key(), p.question(), p.response(), p.answer(),
                        String.valueOf(p.selfCorrected()))) {
                    md.update(s.getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
