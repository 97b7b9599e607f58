package org.thinktrace.train;

import static org.thinktrace.train.Phrasing.heldOut;
import static org.thinktrace.train.Phrasing.train;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Questions outside every task family (who the model is, poems, facts about the world, code, small
 * talk, advice, translation, algebra), answered with a short refusal in R1 form: one thought that this
 * is not a kind of problem the model was trained for, and an answer that says what it is, what it
 * can do, and how to load a real DeepSeek-R1 model.
 *
 * <p>These questions have no problem behind them, so the family is not {@link #inScope() in scope}:
 * its held-out measure is its held-out phrasings, and its key is the question itself.
 */
public final class OutOfScopeFamily implements TaskFamily {

    /** The bold part of every refusal, and the canonical answer of every out-of-scope question. */
    public static final String REFUSAL_MARK = "ThinkTrace's demonstration model";

    /** What the model can do, as every refusal lists it. */
    static final String CAN_DO = "I can add, subtract and multiply numbers, compare two decimals, count a letter in a"
            + " word, sort numbers or find the smallest, largest or sum of a list, tell whether a number below 200 is"
            + " prime, solve small word problems and work out days of the week.";

    static final String HOW_TO_LOAD = "For anything else, load a real DeepSeek-R1 model: download one such as"
            + " DeepSeek-R1-Distill-Qwen-1.5B and open its folder with Open model folder… (Ctrl+O), or pass"
            + " --model DIR on the command line.";

    private enum Category {
        IDENTITY("who I am", "I am **" + REFUSAL_MARK + "**, a tiny model trained only for arithmetic-style problems."),
        CREATIVE("a piece of writing", "I can't write that: I am **" + REFUSAL_MARK + "**, a tiny model trained only for arithmetic-style problems."),
        WORLD_FACT("a fact about the world", "I don't know that: I am **" + REFUSAL_MARK + "**, a tiny model trained only for arithmetic-style problems, and I know no facts about the world."),
        CODE("code", "I can't help with code: I am **" + REFUSAL_MARK + "**, a tiny model trained only for arithmetic-style problems."),
        SMALL_TALK("small talk", "Hello! I am **" + REFUSAL_MARK + "**, a tiny model trained only for arithmetic-style problems."),
        ADVICE("advice or an opinion", "I can't advise on that: I am **" + REFUSAL_MARK + "**, a tiny model trained only for arithmetic-style problems."),
        TRANSLATION("a translation", "I can't translate: I am **" + REFUSAL_MARK + "**, a tiny model trained only for arithmetic-style problems."),
        ALGEBRA("mathematics beyond my problems", "I was not trained for that: I am **" + REFUSAL_MARK + "**, a tiny model trained only for arithmetic-style problems.");

        final String what;
        final String opening;

        Category(String what, String opening) {
            this.what = what;
            this.opening = opening;
        }
    }

    private static final List<String> TOPICS = List.of("the sea", "autumn", "my cat", "the moon", "coffee", "friendship",
            "a robot", "the city at night", "winter", "dragons");
    private static final List<String> COUNTRIES = List.of("France", "Japan", "Brazil", "Kenya", "Canada", "Italy",
            "Egypt", "Norway", "India", "Mexico", "Germany", "Australia");
    private static final List<String> LANGUAGES = List.of("Python", "Java", "JavaScript", "C", "Rust", "Go");
    private static final List<String> TASKS = List.of("reverses a string", "reads a file", "sorts a list of names",
            "checks an email address", "downloads a web page", "parses JSON");
    private static final List<String> SPOKEN = List.of("French", "Spanish", "German", "Japanese", "Italian");
    private static final List<String> PHRASES = List.of("good morning", "thank you very much", "where is the station",
            "I love you", "see you tomorrow");

    private static final Map<Category, Phrasings> PHRASINGS = Map.of(
            Category.IDENTITY, Phrasings.of(
                    train("who-are-you", "Who are you?"),
                    train("what-are-you", "What are you?"),
                    train("whats-your-name", "what's your name"),
                    train("are-you-chatgpt", "Are you ChatGPT?"),
                    train("who-made-you", "Who made you?"),
                    train("what-can-you-do", "What can you do?"),
                    heldOut("introduce-yourself", "Please introduce yourself."),
                    heldOut("what-model-are-you", "which model are you")),
            Category.CREATIVE, Phrasings.of(
                    train("write-a-poem", "Write a poem about {topic}."),
                    train("write-a-poem-bare", "Write a poem"),
                    train("tell-me-a-story", "Tell me a story about {topic}."),
                    train("tell-me-a-joke", "Tell me a joke."),
                    train("haiku", "write a haiku about {topic}"),
                    heldOut("compose-a-song", "Compose a short song about {topic}."),
                    heldOut("limerick", "Can you write me a limerick about {topic}?")),
            Category.WORLD_FACT, Phrasings.of(
                    train("capital-of", "What is the capital of {country}?"),
                    train("capital-lowercase", "capital of {country}?"),
                    train("population-of", "How many people live in {country}?"),
                    train("who-wrote-hamlet", "Who wrote Hamlet?"),
                    train("how-far-moon", "How far away is the moon?"),
                    train("weather", "What's the weather like today?"),
                    heldOut("largest-city", "What is the largest city in {country}?"),
                    heldOut("language-spoken", "Which language do people speak in {country}?"),
                    heldOut("who-painted", "Who painted the Mona Lisa?")),
            Category.CODE, Phrasings.of(
                    train("write-a-function", "Write a {lang} function that {task}."),
                    train("how-do-i-in", "How do I write a program that {task} in {lang}?"),
                    train("fix-my-code", "Fix my code: for i in range(10) print(i)"),
                    train("what-is-a-pointer", "What is a pointer in {lang}?"),
                    heldOut("code-for", "Give me {lang} code that {task}."),
                    heldOut("explain-this-code", "Explain what this code does: x = [n * 2 for n in range(5)]")),
            Category.SMALL_TALK, Phrasings.of(
                    train("hi", "Hi"),
                    train("hello", "Hello!"),
                    train("how-are-you", "How are you?"),
                    train("good-morning", "good morning"),
                    train("thanks", "Thanks!"),
                    train("whats-up", "What's up?"),
                    heldOut("hey-there", "hey there, how is it going?"),
                    heldOut("nice-to-meet-you", "Nice to meet you!")),
            Category.ADVICE, Phrasings.of(
                    train("what-should-i-eat", "What should I eat tonight?"),
                    train("recommend-a-movie", "Recommend a movie."),
                    train("what-do-you-think", "What do you think about {topic}?"),
                    train("help-me-sleep", "How can I sleep better?"),
                    heldOut("which-book", "Which book should I read next?"),
                    heldOut("is-it-good-idea", "Is it a good idea to learn {lang}?")),
            Category.TRANSLATION, Phrasings.of(
                    train("translate-into", "Translate '{phrase}' into {spoken}."),
                    train("how-do-you-say", "How do you say {phrase} in {spoken}?"),
                    heldOut("what-is-in", "What is \"{phrase}\" in {spoken}?")),
            Category.ALGEBRA, Phrasings.of(
                    train("solve-for-x", "Solve for x: 3x + 5 = 20"),
                    train("derivative", "What is the derivative of x^3?"),
                    train("square-root-of-two", "What is the square root of 2?"),
                    train("integrate", "Integrate sin(x) dx."),
                    heldOut("quadratic", "Solve x^2 - 5x + 6 = 0."),
                    heldOut("log", "What is log base 2 of 1024?")));

    @Override
    public String name() {
        return "out-of-scope";
    }

    @Override
    public boolean inScope() {
        return false;
    }

    @Override
    public List<Phrasing> phrasings() {
        return Arrays.stream(Category.values()).flatMap(c -> PHRASINGS.get(c).all().stream()).toList();
    }

    @Override
    public Problem generate(RandomGenerator rnd, PhrasingSplit phrasing) {
        Category category = Category.values()[rnd.nextInt(Category.values().length)];
        Map<String, String> values = Map.of(
                "topic", TaskFamily.pick(rnd, TOPICS),
                "country", TaskFamily.pick(rnd, COUNTRIES),
                "lang", TaskFamily.pick(rnd, LANGUAGES),
                "task", TaskFamily.pick(rnd, TASKS),
                "spoken", TaskFamily.pick(rnd, SPOKEN),
                "phrase", TaskFamily.pick(rnd, PHRASES));
        Phrasings.Asked asked = PHRASINGS.get(category).ask(rnd, phrasing, values);
        Trace trace = new Trace()
                .step("This asks for " + category.what + ". That is not one of the kinds of problem I was trained"
                        + " for, so I should say what I am and what I can do instead.");
        return trace.toProblem(name(), name() + ":" + asked.question(), asked,
                category.opening + " " + CAN_DO + " " + HOW_TO_LOAD, REFUSAL_MARK);
    }

    /** Whether {@code response} is a refusal: its final answer is the refusal's bold mark. */
    public static boolean isRefusal(String response) {
        return AnswerChecker.isCorrect(response, REFUSAL_MARK);
    }
}
