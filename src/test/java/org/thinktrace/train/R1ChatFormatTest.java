package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.thinktrace.text.ChatTemplate;
import org.thinktrace.text.ChatTurn;

/**
 * The training prompt of every example, first turns and follow-ups alike, is byte for byte what the
 * official R1-Distill chat template renders for the conversation with a generation prompt, earlier
 * assistant messages given with their thinking as the app gives them (the template drops it).
 */
class R1ChatFormatTest {

    private static final Teacher SECOND = Teacher.of(TeacherEdition.SECOND);
    private static final String BOS = R1SpecialToken.BEGIN_OF_SENTENCE.content();
    private static final String EOS = R1SpecialToken.END_OF_SENTENCE.content();

    private static String rendered(ChatTemplate template, Problem p) {
        List<ChatTurn> turns = new ArrayList<>();
        for (Problem.Exchange earlier : p.context()) {
            turns.add(ChatTurn.user(earlier.question()));
            turns.add(ChatTurn.assistant(earlier.response()));
        }
        turns.add(ChatTurn.user(p.question()));
        return template.render(turns, true, Map.of()).text();
    }

    private static List<Problem> examples() {
        List<Problem> out = new ArrayList<>(SECOND.trainingSet(400, 21));
        out.addAll(SECOND.followUpSet(40, 21));
        return out;
    }

    @Test
    void trainingPromptsAreWhatTheOfficialTemplateRenders() {
        ChatTemplate official = ChatTemplate.r1Fallback();
        ChatTemplate exported = ChatTemplate.of(TokenizerFiles.chatTemplate(), BOS, EOS);
        List<Problem> examples = examples();
        assertTrue(examples.stream().anyMatch(p -> p.turns() == 2) && examples.stream().anyMatch(p -> p.turns() == 3));
        for (Problem p : examples) {
            assertEquals(rendered(official, p), R1ChatFormat.prompt(p), p.question());
            assertEquals(rendered(exported, p), R1ChatFormat.prompt(p), p.question());
        }
    }

    @Test
    void earlierTurnsKeepTheirAnswersAndLoseTheirThinking() {
        for (Problem p : examples()) {
            String prompt = R1ChatFormat.prompt(p);
            assertEquals(1, prompt.split("<think>", -1).length - 1, "only the generation prompt opens thinking");
            assertFalse(prompt.contains("</think>"), prompt);
            for (Problem.Exchange earlier : p.context()) {
                String answer = earlier.response().substring(earlier.response().lastIndexOf("</think>") + "</think>".length());
                assertTrue(prompt.contains(R1SpecialToken.USER.content() + earlier.question()
                        + R1SpecialToken.ASSISTANT.content() + answer + EOS), prompt);
            }
            assertTrue(R1ChatFormat.conversation(p).endsWith(p.response().substring("<think>\n".length()) + EOS));
        }
    }

    @Test
    void aSingleTurnPromptIsTheQuestionPrompt() {
        for (Problem p : SECOND.evaluationSet(2, 3)) {
            assertEquals(R1ChatFormat.prompt(p.question()), R1ChatFormat.prompt(p));
        }
    }
}
