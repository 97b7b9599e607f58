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

    /** The fourth edition's shorter list of what the model can do. */
    static final String BRIEF_CAN_DO = "I can add, subtract and multiply, compare decimals, count letters, sort a list or"
            + " find its smallest, largest or sum, test primes below 200, solve small word problems and count weekdays.";

    /** The fourth edition's shorter way to a real model. */
    static final String BRIEF_HOW_TO_LOAD = "For anything else, open a real DeepSeek-R1 model (Open model folder…, or"
            + " --model DIR).";

    private enum Category {
        IDENTITY("who I am", "I am **" + REFUSAL_MARK + "**, a tiny model trained only for arithmetic-style problems.", ""),
        CREATIVE("a piece of writing", "I can't write that: I am **" + REFUSAL_MARK + "**, a tiny model trained only for arithmetic-style problems.", "I can't write that."),
        WORLD_FACT("a fact about the world", "I don't know that: I am **" + REFUSAL_MARK + "**, a tiny model trained only for arithmetic-style problems, and I know no facts about the world.", "I don't know that."),
        CODE("code", "I can't help with code: I am **" + REFUSAL_MARK + "**, a tiny model trained only for arithmetic-style problems.", "I can't help with code."),
        SMALL_TALK("small talk", "Hello! I am **" + REFUSAL_MARK + "**, a tiny model trained only for arithmetic-style problems.", "Hello!"),
        ADVICE("advice or an opinion", "I can't advise on that: I am **" + REFUSAL_MARK + "**, a tiny model trained only for arithmetic-style problems.", "I can't advise on that."),
        TRANSLATION("a translation", "I can't translate: I am **" + REFUSAL_MARK + "**, a tiny model trained only for arithmetic-style problems.", "I can't translate."),
        ALGEBRA("mathematics beyond my problems", "I was not trained for that: I am **" + REFUSAL_MARK + "**, a tiny model trained only for arithmetic-style problems.", "I was not trained for that.");

        final String what;
        final String opening;
        /** The fourth edition's first sentence, before "I am …" (empty for who I am). */
        final String lead;

        Category(String what, String opening, String lead) {
            this.what = what;
            this.opening = opening;
            this.lead = lead;
        }

        /** The fourth edition's shorter refusal: the lead, what the model is, what it can do, where to go instead. */
        String brief() {
            return (lead.isEmpty() ? "" : lead + " ") + "I am **" + REFUSAL_MARK + "**, a tiny model for arithmetic-style"
                    + " problems only. " + BRIEF_CAN_DO + " " + BRIEF_HOW_TO_LOAD;
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
    /** Phrases that translation questions ask about. */
    static final List<String> PHRASES = List.of("good morning", "thank you very much", "where is the station",
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

    /**
     * The fourth edition's further training questions: ones that carry numbers or the cue words of
     * in-scope families ("how many", "which is better", "write", "sort", "days"), so that a model
     * does not take a number or such a word for a problem it can solve.
     */
    private static final Map<Category, List<Phrasing>> FOURTH_MORE = Map.of(
            Category.IDENTITY, List.of(
                    train("your-parameters", "What size are you, in parameters?"),
                    train("who-trained-you", "Who trained you?")),
            Category.CREATIVE, List.of(
                    train("poem-about-cats", "Write a poem about {n} cats."),
                    train("story-with-dragons", "Write a story with {n} dragons in it."),
                    train("song-about-number", "Write a song about the number {n}.")),
            Category.WORLD_FACT, List.of(
                    train("what-happened-in", "What happened in {year}?"),
                    train("world-cup-in", "Who won the World Cup in {year}?"),
                    train("moons-of-jupiter", "Jupiter has how many moons?"),
                    train("legs-of-a-spider", "a spider has how many legs"),
                    train("population-in-year", "What was the population of {country} in {year}?")),
            Category.CODE, List.of(
                    train("function-that-adds", "Write a {lang} function that adds two numbers."),
                    train("sort-in-language", "How do I sort a list in {lang}?"),
                    train("count-letters-code", "Write code that counts the letters in a word.")),
            Category.SMALL_TALK, List.of(
                    train("thanks-for-the-sum", "Thanks for adding those numbers!"),
                    train("i-am-years-old", "Hi, I am {n} years old.")),
            Category.ADVICE, List.of(
                    train("which-is-better", "Which is better, {lang} or {other-lang}?"),
                    train("which-days-to-work", "Which days should I work out?")),
            Category.TRANSLATION, List.of(
                    train("translate-number", "How do you say {n} in {spoken}?")),
            Category.ALGEBRA, List.of(
                    train("square-root-of-n", "What is the square root of {n}?"),
                    train("percent-of", "What is 15% of {n}?"),
                    train("power-of", "What is {n} to the power of 3?")));

    private static final Map<Category, Phrasings> FOURTH_PHRASINGS = fourthPhrasings();

    /**
     * The eighth edition's frames for composed questions: a request with one {@code {op}}, as people open
     * and close one. None is a held-out opening of {@link SurfaceForms}.
     */
    static final List<String> EIGHTH_FRAMES = List.of("{op}", "{op}.", "Please {op}.", "Go ahead and {op}.",
            "I want you to {op}.", "I'd like you to {op}.", "Now {op}.", "Quick: {op}", "ok, {op}");

    /**
     * The eighth edition's requests of each category, composed with {@link #EIGHTH_FRAMES} into training
     * questions: many more ways to ask for what the model cannot do, several with numbers or in-scope cue
     * words. No composed question has a word, or three words in a row, that only held-out templates have
     * ({@code EighthEditionTeacherTest}).
     */
    private static final Map<Category, List<String>> EIGHTH_REQUESTS = Map.of(
            Category.IDENTITY, List.of("tell me who you are", "tell me your name", "tell me what you are",
                    "say who built you", "say what you are", "tell me what you can do", "say what size you are"),
            Category.CREATIVE, List.of("write a poem about {topic}", "write a story about {topic}",
                    "make up a story about {topic}", "write a rap about {topic}", "write a riddle about {topic}",
                    "write an essay about {topic}", "write a few lines about {topic}", "tell me a joke about {topic}",
                    "make up a poem about {n} cats", "write a letter to {topic}", "invent a fairy tale about {topic}"),
            Category.WORLD_FACT, List.of("tell me the capital of {country}", "name the capital of {country}",
                    "tell me about the history of {country}", "say how big {country} is",
                    "say why the sky is blue", "tell me who invented the telephone",
                    "name the tallest mountain", "name a river in {country}",
                    "tell me what happened in {year}", "give the number of people in {country} in {year}"),
            Category.CODE, List.of("write a {lang} program that {task}", "show me how to write a loop in {lang}",
                    "describe a variable in {lang}", "debug my {lang} code", "write a script that {task}",
                    "write a {lang} class for a bank account", "write {lang} that prints the numbers 1 to {n}"),
            Category.SMALL_TALK, List.of("say hello", "describe your day", "chat with me for a bit",
                    "wish me good luck", "say good night", "tell me something fun", "say hi to my {n} friends"),
            Category.ADVICE, List.of("recommend a song", "tell me what to cook tonight", "suggest a name for my cat",
                    "help me plan my weekend", "give me tips for a job interview", "give me advice on staying healthy",
                    "tell me which of {lang} and {other-lang} to use"),
            Category.TRANSLATION, List.of("translate '{phrase}' to {spoken}", "say {phrase} in {spoken}",
                    "give me {phrase} in {spoken}", "put '{phrase}' into {spoken}",
                    "translate the number {n} into {spoken}"),
            Category.ALGEBRA, List.of("solve 2x + 3 = 11 for x", "find x if 4x - 2 = 10", "differentiate x^2 + 3x",
                    "integrate x^2 from 0 to 1", "simplify (x + 1)^2", "factor x^2 - 9",
                    "find the cube root of {n}", "tell me what pi is",
                    "find the area of a circle with radius {n}", "tell me what 2 to the power of {n} is"));

    private static final Map<Category, Phrasings> EIGHTH_PHRASINGS = eighthPhrasings();

    /** Every request of {@link #EIGHTH_REQUESTS}, of every category. */
    static List<String> eighthRequests() {
        return EIGHTH_REQUESTS.values().stream().flatMap(List::stream).toList();
    }

    private static Map<Category, Phrasings> eighthPhrasings() {
        Map<Category, Phrasings> out = new java.util.EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            out.put(c, FOURTH_PHRASINGS.get(c).withComposed("composed", EIGHTH_FRAMES, EIGHTH_REQUESTS.get(c), List.of()));
        }
        return Map.copyOf(out);
    }

    /**
     * The thirty-second edition's training questions: the eighth edition's, with translations that quote the phrase
     * and end in the language ({@code Tell me "good morning" in Italian.}), the way letter counts end in their word,
     * among the templates (drawn half the time) and among the composed questions.
     */
    private static final Map<Category, Phrasings> THIRTY_SECOND_PHRASINGS = thirtySecondPhrasings();

    private static Map<Category, Phrasings> thirtySecondPhrasings() {
        Map<Category, Phrasings> out = new java.util.EnumMap<>(EIGHTH_PHRASINGS);
        out.put(Category.TRANSLATION, EIGHTH_PHRASINGS.get(Category.TRANSLATION).plus(
                        train("quoted-how-would-you-say", "How would you say \"{phrase}\" in {spoken}?"),
                        train("quoted-how-do-people-say", "In {spoken}, how do people say \"{phrase}\"?"),
                        train("quoted-please", "\"{phrase}\" in {spoken}, please."),
                        train("quoted-which-words-mean", "Which {spoken} words mean '{phrase}'?"),
                        train("quoted-how-is-it-said", "How is \"{phrase}\" said in {spoken}?"),
                        train("quoted-can-you-give-me", "Can you give me '{phrase}' in {spoken}?"))
                .withComposed("quoted", EIGHTH_FRAMES, List.of("tell me \"{phrase}\" in {spoken}",
                        "write '{phrase}' in {spoken}", "put \"{phrase}\" into {spoken}",
                        "give me the {spoken} for \"{phrase}\"", "turn '{phrase}' into {spoken}"), List.of()));
        return Map.copyOf(out);
    }

    /**
     * The thirty-ninth edition's training questions: the thirty-second edition's, with world facts about a country asked
     * the way letter counts are asked, a superlative or a thing before "in" and the country last ({@code What is the
     * tallest mountain in Japan?}), and functions of a number no family computes ({@code What is the sine of 30
     * degrees?}). Models of the thirtieth to thirty-seventh editions answered "What is the largest city in Kenya" as a
     * letter count and "What is log base 2 of 1024?" as arithmetic.
     */
    private static final Map<Category, Phrasings> THIRTY_NINTH_PHRASINGS = thirtyNinthPhrasings();

    private static Map<Category, Phrasings> thirtyNinthPhrasings() {
        Map<Category, Phrasings> out = new java.util.EnumMap<>(THIRTY_SECOND_PHRASINGS);
        out.put(Category.WORLD_FACT, THIRTY_SECOND_PHRASINGS.get(Category.WORLD_FACT).withComposed("in-country", List.of(
                        "What is the {op} in {country}?", "what is the {op} in {country}", "Which is the {op} in {country}?",
                        "Tell me the {op} in {country}.", "Name the {op} in {country}"), List.of(
                        "tallest mountain", "longest river", "oldest university", "busiest airport", "most famous museum",
                        "hottest month", "main river", "most popular sport", "national dish", "coldest month",
                        "best known festival", "deepest lake"), List.of()));
        out.put(Category.ALGEBRA, THIRTY_SECOND_PHRASINGS.get(Category.ALGEBRA).withComposed("functions", List.of(
                        "What is the {op}?", "what is the {op}", "Tell me the {op}.", "Give the {op}.", "Find the {op}."),
                List.of("sine of {n} degrees", "cosine of {n}", "natural logarithm of {n}", "tangent of {n} degrees",
                        "hyperbolic sine of {n}", "arctangent of {n}", "exponential of {n}", "factorial of {n}",
                        "cube of the sine of {n}"), List.of()));
        return Map.copyOf(out);
    }

    /**
     * The forty-fourth edition's further training questions: rates and conversions between units, each with numbers in
     * it, asked as letter counts and word problems are ("How many minutes are in 3 hours?", "A train travels 220 km in 2
     * hours. How fast does it go?"). The forty-second edition's model answered them as one of its families: a letter
     * count, or the product of the numbers. Asked in one out-of-scope training question in {@value #RATES_AND_UNITS_ONE_IN}
     * ({@link TeacherEdition#asksRatesAndUnitsOutOfScope}) and refused as mathematics beyond the model's problems.
     */
    static final Phrasings RATES_AND_UNITS = withUnits(Teacher.concat(rates(), List.of(
            train("rates-average-of", "What is the average of {n} and {m}?"),
            train("rates-mean-of", "what's the mean of {n}, {m} and {n}"))));

    /**
     * The forty-fifth edition's rates and units: {@link #RATES_AND_UNITS} without its two means, which that edition's
     * list-statistics family answers ({@link TeacherEdition#asksTheMean}). An average speed is still a rate.
     */
    static final Phrasings RATES_AND_UNITS_WITHOUT_MEANS = withUnits(rates());

    /** The rates and conversions of {@link #RATES_AND_UNITS}, in its order. */
    private static List<Phrasing> rates() {
        return List.of(
                train("rates-train-speed", "A train travels {n} km in {m} hours. How fast does it go?"),
                train("rates-car-speed", "A car drives {n} miles in {m} hours. What speed is that?"),
                train("rates-cyclist", "A cyclist rides {n} km in {m} hours. What is the cyclist's speed in km per hour?"),
                train("rates-bus-average", "What is the average speed of a bus that goes {n} km in {m} hours?"),
                train("rates-trip-hours", "How many hours does a trip of {n} km take at {m} km per hour?"),
                train("rates-walk-hours", "If I walk {m} km an hour, how many hours do {n} km take?"),
                train("rates-tap-fills", "A tap fills {m} litres a minute. How many minutes does it take to fill {n} litres?"),
                train("rates-convert-km", "Convert {n} kilometres to miles."),
                train("rates-convert-fahrenheit", "Convert {n} degrees Fahrenheit to Celsius."),
                train("rates-celsius-in", "What is {n} degrees Celsius in Fahrenheit?"),
                train("rates-minutes-into-hours", "Change {n} minutes into hours and minutes."),
                train("rates-seconds-in-minutes", "Express {n} seconds in minutes."),
                train("rates-hours-in-seconds", "What is {m} hours in seconds?"));
    }

    /** {@code rates}, then the questions composed of how many of one unit are in some of another. */
    private static Phrasings withUnits(List<Phrasing> rates) {
        return Phrasings.of(rates.toArray(Phrasing[]::new))
                .withComposed("units", List.of("How many {op}?", "how many {op}", "Tell me how many {op}.",
                        "Work out how many {op}.", "Can you say how many {op}?"), List.of("minutes are in {m} hours",
                        "seconds are in {m} minutes", "hours are in {m} days", "days are in {m} weeks", "months are in {m} years",
                        "centimetres are in {m} metres", "grams are in {m} kilograms", "metres are in {m} kilometres",
                        "inches are in {m} feet", "millilitres are in {m} litres", "kilometres are {n} miles",
                        "pounds are {m} kilograms"), List.of());
    }

    /** One out-of-scope training question in this many asks a rate or a unit ({@link #RATES_AND_UNITS}), in editions that do. */
    static final int RATES_AND_UNITS_ONE_IN = 8;

    private static Map<Category, Phrasings> fourthPhrasings() {
        Map<Category, Phrasings> out = new java.util.EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            out.put(c, PHRASINGS.get(c).plus(FOURTH_MORE.get(c).toArray(Phrasing[]::new)));
        }
        return Map.copyOf(out);
    }

    private final boolean fourth;
    /** The templates questions are asked in from the fourth edition on. */
    private final Map<Category, Phrasings> fourthOn;
    /** Whether training also asks {@link #ratesAndUnits} ({@link TeacherEdition#asksRatesAndUnitsOutOfScope}). */
    private final boolean asksRatesAndUnits;
    /** The rates and units training asks: {@link #RATES_AND_UNITS}, without its means where the edition answers them. */
    private final Phrasings ratesAndUnits;

    /** The out-of-scope family of the second and third editions. */
    public OutOfScopeFamily() {
        this(TeacherEdition.SECOND);
    }

    /**
     * The out-of-scope family of {@code edition}; from the fourth edition on, with questions that carry
     * numbers and in-scope cue words, and a shorter thought and refusal; from the eighth on, with half
     * of the training questions composed from {@link #EIGHTH_FRAMES} and {@link #EIGHTH_REQUESTS}; from the
     * thirty-second on, with more translations of a quoted phrase among them; from the thirty-ninth on, with world facts
     * about a country and functions of a number asked as problems are; from the forty-fourth on, with rates and
     * conversions between units in training (from the forty-fifth on, without means).
     */
    public OutOfScopeFamily(TeacherEdition edition) {
        this.fourth = edition.atLeast(TeacherEdition.FOURTH);
        this.fourthOn = edition.asksWorldFactsAndFunctionsLikeProblems() ? THIRTY_NINTH_PHRASINGS
                : edition.asksQuotedTranslations() ? THIRTY_SECOND_PHRASINGS
                : edition.atLeast(TeacherEdition.EIGHTH) ? EIGHTH_PHRASINGS : FOURTH_PHRASINGS;
        this.asksRatesAndUnits = edition.asksRatesAndUnitsOutOfScope();
        this.ratesAndUnits = edition.asksTheMean() ? RATES_AND_UNITS_WITHOUT_MEANS : RATES_AND_UNITS;
    }

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
        Map<Category, Phrasings> phrasings = fourth ? fourthOn : PHRASINGS;
        List<Phrasing> all = Arrays.stream(Category.values()).flatMap(c -> phrasings.get(c).all().stream()).toList();
        return asksRatesAndUnits ? Teacher.concat(all, ratesAndUnits.all()) : all;
    }

    /**
     * As {@link #generate}, with one question in {@value #RATES_AND_UNITS_ONE_IN} asking a rate or a unit in editions
     * that train them ({@link TeacherEdition#asksRatesAndUnitsOutOfScope}), refused as mathematics beyond the model's
     * problems.
     */
    @Override
    public Problem generateForTraining(RandomGenerator rnd, PhrasingSplit phrasing) {
        if (asksRatesAndUnits && rnd.nextInt(RATES_AND_UNITS_ONE_IN) == 0) {
            Map<String, String> values = Map.of("n", String.valueOf(rnd.nextInt(2, 1000)),
                    "m", String.valueOf(rnd.nextInt(2, 13)));
            return refusal(ratesAndUnits.ask(rnd, phrasing, values), Category.ALGEBRA);
        }
        return generate(rnd, phrasing);
    }

    @Override
    public Problem generate(RandomGenerator rnd, PhrasingSplit phrasing) {
        Category category = Category.values()[rnd.nextInt(Category.values().length)];
        Map<String, String> values = new java.util.HashMap<>(Map.of(
                "topic", TaskFamily.pick(rnd, TOPICS),
                "country", TaskFamily.pick(rnd, COUNTRIES),
                "lang", TaskFamily.pick(rnd, LANGUAGES),
                "task", TaskFamily.pick(rnd, TASKS),
                "spoken", TaskFamily.pick(rnd, SPOKEN),
                "phrase", TaskFamily.pick(rnd, PHRASES)));
        if (fourth) {
            values.put("n", String.valueOf(rnd.nextInt(2, 1000)));
            values.put("year", String.valueOf(rnd.nextInt(1900, 2025)));
            values.put("other-lang", TaskFamily.pick(rnd, LANGUAGES.stream().filter(l -> !l.equals(values.get("lang"))).toList()));
            return refusal(fourthOn.get(category).ask(rnd, phrasing, values), category);
        }
        Phrasings.Asked asked = PHRASINGS.get(category).ask(rnd, phrasing, values);
        Trace trace = new Trace()
                .step("This asks for " + category.what + ". That is not one of the kinds of problem I was trained"
                        + " for, so I should say what I am and what I can do instead.");
        return trace.toProblem(name(), name() + ":" + asked.question(), asked,
                category.opening + " " + CAN_DO + " " + HOW_TO_LOAD, REFUSAL_MARK);
    }

    /** The fourth edition's refusal of {@code asked}, a question of {@code category}: one thought, and the brief answer. */
    private Problem refusal(Phrasings.Asked asked, Category category) {
        Trace trace = new Trace().step("This asks for " + category.what
                + ", not one of the kinds of problem I was trained for.");
        return trace.toProblem(name(), name() + ":" + asked.question(), asked, category.brief(), REFUSAL_MARK);
    }

    /** Whether {@code response} is a refusal: its final answer is the refusal's bold mark. */
    public static boolean isRefusal(String response) {
        return AnswerChecker.isCorrect(response, REFUSAL_MARK);
    }
}
