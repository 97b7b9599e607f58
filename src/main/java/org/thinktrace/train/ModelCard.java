package org.thinktrace.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.thinktrace.model.ModelConfig;

/**
 * The {@code README.md} model card of a trained model: what it was trained on, its size, how to
 * reproduce it, its evaluation and its limits. The evaluation section sits between two markers and
 * is replaced by {@code thinktrace eval --update-card}, so the card shows exactly what eval printed.
 */
public final class ModelCard {

    static final String FILE = "README.md";
    static final String EVALUATION_START = "<!-- evaluation:start -->";
    static final String EVALUATION_END = "<!-- evaluation:end -->";

    /**
     * Figures of one training run.
     *
     * @param parameters    trainable parameters
     * @param bpeVocabSize  BPE tokens (added tokens come on top)
     * @param examples      training conversations used
     * @param tokens        tokens in those conversations
     * @param finalLoss     mean loss of the last steps
     * @param minutes       wall time of the whole run
     * @param runtime       where it ran (threads, precision)
     */
    public record Facts(TrainingRecipe recipe, ModelConfig config, long parameters, int bpeVocabSize, int examples,
                        long tokens, double finalLoss, double minutes, String runtime) {
    }

    private ModelCard() {
    }

    /** Writes a new card into {@code dir}, with an evaluation section still to be filled. */
    public static void write(Path dir, Facts f) throws IOException {
        ModelConfig c = f.config();
        TrainingSettings s = f.recipe().settings();
        Teacher teacher = Teacher.of(f.recipe().teacher());
        String families = teacher.shares().stream().map(share -> share.family().name() + " " + share.share())
                .collect(Collectors.joining(", ")) + " of every " + teacher.roundSize() + " problems";
        String text = """
                # %1$s

                A tiny DeepSeek-R1-style reasoning model, trained from scratch by ThinkTrace's own code (a Java
                teacher that writes step-by-step solutions, a byte-level BPE tokenizer trained on them, and
                supervised fine-tuning with DJL on the CPU). It thinks inside `<think>` … `</think>`, checks its
                result, sometimes catches its own slip ("Wait, …"), then states the answer in bold.

                ## Model

                - Architecture: `%2$s` (grouped-query attention, SwiGLU, RoPE, q/k/v biases, tied embeddings)
                - Parameters: %3$,d; %4$d layers, width %5$d, %6$d query heads sharing %7$d key/value heads, MLP width %8$d
                - Context: %9$d tokens; vocabulary: %10$,d byte-level BPE tokens + the six R1 added tokens
                - Files: `config.json`, `generation_config.json` (temperature %11$.1f, top-p %12$.2f),
                  `model.safetensors` (BF16), `tokenizer.json`, `tokenizer_config.json` (official R1-Distill chat template)

                ## Training data

                %13$,d synthetic problems (%14$,d conversations, %15$,d tokens) from the %33$s edition of the
                teacher's families, in these shares: %16$s.
                Each response reasons step by step and ends its thinking with a check; about %17$.0f%% contain a
                plausible slip that is noticed and corrected. A fixed hash of each problem keeps one problem in ten
                out of training; evaluation draws only from those.%34$s

                ## Training

                %18$d steps of AdamW (weight decay %19$.2f on matrices), batches of up to %20$,d tokens%32$s, learning rate
                warm-up over %21$d steps to %22$.1e then cosine decay to %23$.1e, global gradient-norm clipping at
                %24$.1f, loss on the assistant's tokens only, seed %25$d.%36$s Final loss %26$.4f; %27$.1f minutes on %28$s.

                ## Reproduce

                ```
                thinktrace train --out DIR%31$s
                thinktrace eval --model DIR --update-card
                ```

                ## Evaluation

                %29$s
                Not evaluated yet: run `thinktrace eval --model DIR --update-card`.
                %30$s

                ## Limits

                %35$s
                - It imitates the teacher's procedures; it does not reason beyond them.
                """.formatted(f.recipe().name(), c.architecture().hfName(), f.parameters(), c.numHiddenLayers(),
                c.hiddenSize(), c.numAttentionHeads(), c.numKeyValueHeads(), c.intermediateSize(),
                c.maxPositionEmbeddings(), f.bpeVocabSize(), ModelExport.TEMPERATURE, ModelExport.TOP_P,
                f.recipe().problems(), f.examples(), f.tokens(), families, 100 * TaskFamily.SLIP_RATE,
                s.steps(), s.weightDecay(), s.batchTokens(), s.warmupSteps(), s.peakLearningRate(),
                s.minLearningRate(), s.clipNorm(), s.seed(), f.finalLoss(), f.minutes(), f.runtime(),
                EVALUATION_START, EVALUATION_END, f.recipe().trainArguments(),
                s.workers() > 1 ? " (each split among " + s.workers() + " single-core workers)" : "",
                f.recipe().teacher().label(), teacherNotes(f.recipe().teacher()),
                limits(f.recipe().teacher(), c.maxPositionEmbeddings()), averaged(f.recipe()));
        Files.writeString(dir.resolve(FILE), text, StandardCharsets.UTF_8);
    }

    /** The card's sentence on averaged weights: empty for a recipe that exports the last step's weights. */
    private static String averaged(TrainingRecipe recipe) {
        int from = recipe.exportedAverageFrom();
        return from == 0 ? "" : String.format(Locale.ROOT, " The weights are the uniform average of those after"
                + " steps %,d to %,d.", from, recipe.settings().steps());
    }

    private static String teacherNotes(TeacherEdition edition) {
        if (edition == TeacherEdition.FIRST) {
            return "";
        }
        String editionSentences = String.join("", teacherSentences(edition));
        return "\n\n" + String.join("\n", List.of(
                "Questions are asked in named phrasing templates (imperatives and questions, lists separated by",
                "commas, spaces, \"and\" or lines, typos, politeness, units); some templates are held out of",
                "training and asked only in evaluation." + editionSentences + " " + Math.round(100 * Teacher.FOLLOW_UP_RATE) + "% of the examples are the second or third turn",
                "of a conversation (a new problem, a problem built on the previous answer, or \"are you sure?\"),",
                "rendered by the official chat template, which drops earlier thinking. Questions outside the",
                "families get a short refusal that says what the model can do. `config.json` records the",
                "teacher as `\"" + TeacherEdition.CONFIG_KEY + "\": " + edition.number() + "`."));
    }

    /** What the third and later editions add to the second's questions and traces: a sentence or two per change, each starting with a space. */
    private static List<String> teacherSentences(TeacherEdition edition) {
        List<String> sentences = new ArrayList<>();
        if (edition.atLeast(TeacherEdition.THIRD)) {
            sentences.add(" Training questions are varied further by independent parts (a greeting or \"please\","
                    + "\na closing word, a typo in a common word, a lowercase start, no final punctuation, no spaces"
                    + "\naround an operator); held-out templates are also asked with openings and closings training"
                    + "\nnever uses.");
        }
        if (edition.atLeast(TeacherEdition.FOURTH)) {
            sentences.add(" Half of the training questions are composed from parts (verbs, operand connectors and order,"
                    + "\nquestions and orders, word frames with other families' cue words); letter counts compare"
                    + "\nevery letter with the one counted.");
        }
        if (edition.atLeast(TeacherEdition.FIFTH)) {
            sentences.add(" Traces state each decision beside what it decides on: a decimal comparison names the side"
                    + "\nasked for first and last, a subtraction compares its operands first, and a search for the"
                    + "\nsmallest or largest number writes both numbers of every comparison (\"61 < 65, keep 65\").");
        }
        if (edition.atLeast(TeacherEdition.SEVENTH)) {
            sentences.add(" Long division first says which leading part it starts with (\"5 < 7, 53 ≥ 7: start with"
                    + "\n53.\"), and a training typo is any one-letter slip in a template word.");
        }
        if (edition.atLeast(TeacherEdition.EIGHTH)) {
            sentences.add(" Half of the out-of-scope training questions are composed from a request and a frame.");
        }
        if (edition == TeacherEdition.NINTH) {
            sentences.add(" Three in seven training word problems share equally, and a re-check quotes the question it checks.");
        }
        if (edition.atLeast(TeacherEdition.TENTH)) {
            sentences.add(" A sharing problem's division finds each quotient digit by writing the divisor's multiples"
                    + "\nuntil one is too large" + (edition.atLeast(TeacherEdition.TWELFTH)
                    ? ", each written as less than, equal to or larger than the part divided."
                    : edition.atLeast(TeacherEdition.ELEVENTH) ? ", each compared with the part divided." : "."));
        }
        if (edition.atLeast(TeacherEdition.TWELFTH)) {
            sentences.add(" Column work first names each number's digits by place, from the ones up.");
        }
        if (edition.atLeast(TeacherEdition.THIRTEENTH)) {
            sentences.add(" Primality writes a digit sum as threes and a remainder (\"12 = 3 × 4\"), and a weekday"
                    + "\ntrace first restates the start day and the direction.");
        }
        if (edition.atLeast(TeacherEdition.FOURTEENTH)) {
            sentences.add(" Sorts and scans compare two numbers of the same length and leading digit digit by digit"
                    + "\nfirst (\"477 vs 465: 4 = 4, 7 > 6, so 477 > 465\").");
        }
        if (edition.countsPrimeDivisionsAndVariesQuotes()) {
            sentences.add(" Primality's divisions count the divisor's multiples as a sharing problem's do, its last test"
                    + "\nopens with \"Last\", and training questions quote in single, double or curly quotes alike.");
        }
        if (edition.atLeast(TeacherEdition.SIXTEENTH)) {
            sentences.add(" Word problems are also asked as a setup and a question, many questions shared between kinds.");
        }
        if (edition.atLeast(TeacherEdition.SEVENTEENTH)) {
            sentences.add(" Sorts, minimums, maximums and sums are also asked as requests in frames the four share"
                    + "\n(\"Give me …\"), so that the words for what is asked decide.");
        }
        if (edition == TeacherEdition.EIGHTEENTH) {
            sentences.add(" A quarter of the training questions carry a word no template uses, so that an unknown word"
                    + "\ndoes not decide the kind.");
        }
        if (edition.atLeast(TeacherEdition.NINETEENTH)) {
            sentences.add(" A re-check compares its new answer with the earlier one digit by digit before it keeps or"
                    + "\ncorrects it (\"8 < 9: not the same\").");
        }
        if (edition.atLeast(TeacherEdition.TWENTY_FIRST)) {
            sentences.add(" Before that comparison it quotes its earlier answer in the words of its first line (\"My answer"
                    + "\nwas 1752.\").");
        }
        if (edition.atLeast(TeacherEdition.TWENTY_SECOND)) {
            sentences.add(" It first names each answer's digits by place, or a list's numbers by position, and compares"
                    + "\nthem by name (\"Hundreds: 1 < 2\", \"Third: 6 < 8\").");
        }
        if (edition == TeacherEdition.TWENTY_THIRD) {
            sentences.add(" An earlier number's or list's parts are named on the first line (\"third was 8\") and found"
                    + "\nthere by those words, so their comparison does not quote the earlier answer again.");
        }
        if (edition == TeacherEdition.TWENTY_FOURTH) {
            sentences.add(" An earlier number's or list's parts are named on the first line (\"third was 8\") and named"
                    + "\nagain in those words beside the new answer's before they are compared.");
        }
        if (edition.atLeast(TeacherEdition.TWENTY_FIFTH)) {
            sentences.add(" An earlier number's or list's parts are named on the first line (\"third was 8\") and named"
                    + "\nagain in those words at the start of the verdict line, before the new answer's, then compared.");
        }
        if (edition.atLeast(TeacherEdition.TWENTY_EIGHTH)) {
            sentences.add(" Each comparison names its two parts again in those words (\"tens was 8, tens is 7, 8 > 7\").");
        }
        if (edition.asksPolitelyAndInOtherUnits()) {
            sentences.add(" Orders are also asked as polite requests (\"Would you sort …?\"), and sums, differences and"
                    + "\nword problems in other currencies and units (pounds, yen, grams, cups).");
        }
        if (edition.showsFarOffWrongAnswers()) {
            sentences.add(" Half the wrong answers a re-check is trained on differ from the right one in many digits or"
                    + "\nplaces, not in one.");
        }
        if (edition.rechecksWrongAnswersMoreOften()) {
            sentences.add(" About a quarter of the later turns it is trained on are re-checks, two in three of them after a"
                    + "\nwrong answer.");
        }
        if (edition.asksInMoreKindsOfSentence()) {
            sentences.add(" Products are also asked as groups of things (\"a crate holds 12 trays of 30 eggs\"), sums as"
                    + "\ntwo prices, sharing problems with the people named first, and letter counts in more requests.");
        }
        if (edition.asksQuotedTranslations()) {
            sentences.add(" Out-of-scope questions include more requests to translate a quoted phrase.");
        }
        if (edition.asksWorldFactsAndFunctionsLikeProblems()) {
            sentences.add(" Out-of-scope questions also ask world facts with the country last (\"What is the tallest"
                    + "\nmountain in Japan?\") and functions of a number (\"What is the sine of 30 degrees?\").");
        }
        if (edition.asksWithDashesAndMisspellings()) {
            sentences.add(" Comparisons, primality checks, sorts and list questions are also asked with a dash before the"
                    + "\nquestion (\"4.5 or 4.25 - which is larger?\") and with misspelt words (\"minumum\", \"largst\").");
        }
        if (edition.swapsNounsAndConnectors()) {
            sentences.add(" Training questions also name other people and things than their templates (\"6 hikers share"
                    + "\n42 stickers\") and put other words between two compared decimals (\"4.5 against 4.25\").");
        }
        if (edition.closesWithThanksOnly()) {
            sentences.add(" One training question in four closes with thanks (\"Is 41 prime? Thank you so much!\"),"
                    + "\nout-of-scope questions as often as the others.");
        } else if (edition.addsCourtesies()) {
            sentences.add(" One training question in three opens with a greeting, closes with thanks, or both (\"Quick"
                    + "\none: Is 41 prime? Thank you so much!\"), out-of-scope questions as often as the others.");
        }
        if (edition.asksPastDecoysAndIntoContainers()) {
            sentences.add(" Letter counts are also asked with another word before the one to count in (\"Forget letter."
                    + "\nCount the r's in cherry.\"), word problems with someone taking part of another's things, and"
                    + "\nsharing problems that fill containers.");
        }
        if (edition.namesTheCountBeforeTheLetter()) {
            sentences.add(" Letter counts are also asked with a noun before the letter (\"count the appearances of e in"
                    + "\ncivic\").");
        }
        if (edition.asksListStatisticsInLaterTurnsMoreOften()) {
            sentences.add(" A quarter of the later turns that ask a new problem ask a list's minimum, maximum or sum"
                    + "\n(\"min(58, 97, 20, 10) = ?\" after another family's question).");
        }
        if (edition.comparesDivisionDigits()) {
            sentences.add(" A sharing problem's division compares each multiple with the part digit by digit when both"
                    + "\nhave as many digits (\"5 × 7 = 35, 3 < 4: 35 < 45\").");
        }
        return sentences;
    }

    private static String limits(TeacherEdition edition, int context) {
        if (edition == TeacherEdition.FIRST) {
            return String.join("\n", List.of(
                    "- It knows only the ten task families above, within their ranges (numbers of up to four digits,",
                    "  products up to three by two digits, primes below 200, words from a fixed list); anything else",
                    "  gets a confident, well-formatted and usually wrong answer.",
                    "- English only, single-turn questions, " + context + " tokens of context."));
        }
        return String.join("\n", List.of(
                "- It knows only the ten task families above, within their ranges (numbers of up to four digits,",
                "  products up to three by two digits, primes below 200, words from a fixed list). Questions it",
                "  recognises as outside them get a refusal; one it does not recognise gets a confident and",
                "  usually wrong answer.",
                "- English only; conversations of up to three turns were trained; " + context + " tokens of context."));
    }

    /**
     * "Example prompts that work": per family (and per later part), the first question answered
     * correctly in every report, earlier turns of a conversation joined by arrows. Empty unless the
     * reports ran the same questions in the same order.
     */
    static String workingExamples(List<EvaluationReport> reports) {
        List<Evaluator.Outcome> first = reports.get(0).outcomes();
        if (reports.stream().anyMatch(r -> r.outcomes().size() != first.size())) {
            return "";
        }
        Map<String, String> examples = new LinkedHashMap<>();
        for (int i = 0; i < first.size(); i++) {
            int index = i;
            Evaluator.Outcome o = first.get(i);
            boolean alwaysRight = reports.stream().allMatch(r -> r.outcomes().get(index).correct()
                    && r.outcomes().get(index).problem().equals(o.problem()));
            String label = o.part() == EvaluationPart.PROBLEMS || o.part() == EvaluationPart.HELD_OUT_PHRASINGS
                    ? o.problem().family() : o.part().label();
            if (alwaysRight) {
                List<String> turns = new ArrayList<>(o.problem().context().stream().map(Problem.Exchange::question).toList());
                turns.add(o.problem().question());
                examples.putIfAbsent(label, turns.stream().map(q -> "`" + q.replace("\n", " / ") + "`")
                        .collect(Collectors.joining(" → ")));
            }
        }
        if (examples.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("\nExample prompts that work (answered correctly in every mode above):\n\n");
        examples.forEach((label, text) -> s.append("- ").append(label).append(": ").append(text).append('\n'));
        return s.toString();
    }

    /**
     * Puts the tables of {@code reports} into the card's evaluation section (appending a section when
     * the card has none, creating the card when there is none).
     */
    public static void updateEvaluation(Path dir, List<EvaluationReport> reports) throws IOException {
        Path file = dir.resolve(FILE);
        String card = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        String tables = reports.stream().map(EvaluationReport::table).collect(Collectors.joining("\n"))
                + workingExamples(reports);
        String section = EVALUATION_START + "\n" + tables + EVALUATION_END;
        int start = card.indexOf(EVALUATION_START);
        int end = card.indexOf(EVALUATION_END);
        String updated = start >= 0 && end > start
                ? card.substring(0, start) + section + card.substring(end + EVALUATION_END.length())
                : card + (card.isEmpty() ? "" : "\n") + "## Evaluation\n\n" + section + "\n";
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }
}
