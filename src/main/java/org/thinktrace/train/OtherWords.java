package org.thinktrace.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Words that no template uses, swapped into training questions (thirty-fourth edition) so that a model learns that the
 * nouns of a question and the word between two compared numbers do not decide what is asked:
 * <ul>
 *   <li>in additions, subtractions, multiplications, decimal comparisons and word problems, each {@link #PEOPLE person}
 *       or {@link #THINGS thing} noun a question names is, one time in two, another person or thing from {@link
 *       #OTHER_PEOPLE} or {@link #OTHER_THINGS}, everywhere the question and its response name it, singular and plural
 *       ({@code A crate holds 12 trays of 30 eggs.} becomes {@code A crate holds 12 trays of 30 candles.}; {@code 6
 *       cousins share 42 stickers} becomes {@code 6 hikers share 42 stickers}, and its answer {@code Each gets **7**
 *       stickers.} keeps its own noun);</li>
 *   <li>in decimal comparisons, the word between the two numbers ("or", "and", "versus", "with") is, one time in three,
 *       one of {@link #CONNECTORS} ({@code 4.5 against 4.25 - which is larger?}).</li>
 * </ul>
 * A model that had seen "A garden has 5 rows of 8 plants" and "A stadium has 5 blocks of 8 benches" read "A hall has 20
 * rows of 19 seats" as a subtraction, and "8.176 vs 8.878 - which is more" as a sum: a noun or connector it had not seen
 * in a question turned it to another family.
 *
 * <p>Contract: no word that replaces another is a word of any template, held out or not, so no training question
 * gains a word that only held-out templates use; the numbers, names and the family's cue words are never touched, and
 * a noun is replaced as a whole word in the question and the response alike, with "a" or "an" before it agreeing with
 * the new noun. Whether and how a question changes is drawn from its own text, so a caller's random stream is not
 * advanced.
 */
final class OtherWords {

    /** A noun, singular and plural. */
    record Noun(String one, String many) {
    }

    /** People that training templates name. */
    static final List<Noun> PEOPLE = nouns("friend friends", "child children", "person people", "student students",
            "cousin cousins", "player players", "girl girls", "boy boys", "neighbour neighbours", "pupil pupils",
            "camper campers");
    /** Things that training templates and word problems' items name. */
    static final List<Noun> THINGS = nouns("apple apples", "pencil pencils", "sticker stickers", "marble marbles",
            "cookie cookies", "book books", "card cards", "orange oranges", "balloon balloons", "stamp stamps",
            "pen pens", "notebook notebooks", "ticket tickets", "eraser erasers", "tree trees", "chair chairs",
            "egg eggs", "jar jars", "brick bricks", "room rooms", "parcel parcels", "bench benches", "roll rolls",
            "tulip tulips", "page pages", "plant plants", "garden gardens", "orchard orchards", "theatre theatres",
            "crate crates", "tray trays", "shelf shelves", "pack packs", "hotel hotels", "van vans", "stadium stadiums",
            "bike bikes", "helmet helmets", "cap caps", "shirt shirts", "sofa sofas", "rug rugs", "lamp lamps",
            "cake cakes", "jug jugs", "bag bags", "box boxes", "basket baskets", "tank tanks");
    /** People that may stand for those of {@link #PEOPLE}, before those of a template are removed. */
    static final List<Noun> OTHER_PEOPLE = nouns("guest guests", "worker workers", "sister sisters",
            "brother brothers", "teammate teammates", "classmate classmates", "visitor visitors", "member members",
            "rider riders", "hiker hikers", "dancer dancers", "singer singers", "nurse nurses", "driver drivers",
            "cook cooks", "artist artists", "writer writers", "twin twins", "uncle uncles", "aunt aunts",
            "grandchild grandchildren", "scout scouts", "helper helpers", "swimmer swimmers", "actor actors",
            "sailor sailors", "tourist tourists", "baker bakers", "runner runners", "cyclist cyclists");
    /** Things that may stand for those of {@link #THINGS}, before those of a template are removed. */
    static final List<Noun> OTHER_THINGS = nouns("button buttons", "shell shells", "bead beads", "nail nails",
            "spoon spoons", "bottle bottles", "candle candles", "ribbon ribbons", "tile tiles", "bulb bulbs",
            "plate plates", "bowl bowls", "fork forks", "sock socks", "glove gloves", "key keys", "rock rocks",
            "leaf leaves", "feather feathers", "seed seeds", "grape grapes", "lemon lemons", "peach peaches",
            "potato potatoes", "candy candies", "muffin muffins", "cupcake cupcakes", "toy toys", "doll dolls",
            "kite kites", "crayon crayons", "marker markers", "folder folders", "envelope envelopes", "brush brushes",
            "drum drums", "hat hats", "scarf scarves", "coat coats", "boot boots", "wheel wheels", "flag flags",
            "vase vases", "clock clocks", "tent tents", "boat boats", "truck trucks", "barn barns", "cellar cellars",
            "attic attics", "igloo igloos", "umbrella umbrellas", "onion onions", "acorn acorns", "anchor anchors");
    /** Words that may stand between two compared numbers, before those of a template are removed. */
    static final List<String> CONNECTORS = List.of("against", "beside", "alongside", "opposite", "facing", "near",
            "besides", "toward");

    /** Each noun's whole-word pattern, compiled once: every training question is searched for every noun. */
    private static final Map<String, Pattern> WHOLE_WORDS = new ConcurrentHashMap<>();
    /** Each noun form with an optional "a" or "an" before it, as {@link #swap} finds it, compiled once. */
    private static final Map<String, Pattern> WITH_ARTICLE = new ConcurrentHashMap<>();
    /** A connector between two numbers of a decimal comparison. */
    private static final Pattern CONNECTOR = Pattern.compile("(?<=\\d) (or|and|versus|with) (?=\\d)");

    private final List<Noun> otherPeople;
    private final List<Noun> otherThings;
    private final List<String> connectors;

    /** The replacements less every one with a word of {@code templateWords} (compared in lowercase). */
    OtherWords(Set<String> templateWords) {
        Set<String> taken = templateWords.stream().map(w -> w.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.otherPeople = OTHER_PEOPLE.stream().filter(n -> !taken.contains(n.one()) && !taken.contains(n.many())).toList();
        this.otherThings = OTHER_THINGS.stream().filter(n -> !taken.contains(n.one()) && !taken.contains(n.many())).toList();
        this.connectors = CONNECTORS.stream().filter(w -> !taken.contains(w)).toList();
        if (otherPeople.isEmpty() || otherThings.isEmpty() || connectors.isEmpty()) {
            throw new IllegalArgumentException("every other person, thing or connector is a template word");
        }
    }

    /** The people that may replace those of {@link #PEOPLE}. */
    List<Noun> otherPeople() {
        return otherPeople;
    }

    /** The things that may replace those of {@link #THINGS}. */
    List<Noun> otherThings() {
        return otherThings;
    }

    /** The words that may stand between two compared numbers. */
    List<String> connectors() {
        return connectors;
    }

    /** Whether training problems of {@code family} may name other nouns: those whose questions name people or things. */
    static boolean namesNounsIn(TaskFamily family) {
        return family instanceof AdditionFamily || family instanceof SubtractionFamily
                || family instanceof MultiplicationFamily || family instanceof DecimalComparisonFamily
                || family instanceof WordProblemFamily;
    }

    /** A question and its response, changed alike. */
    record Asked(String question, String response) {
    }

    /**
     * {@code question} and {@code response} with other nouns and, for a decimal comparison ({@code comparison}), perhaps
     * another connector (see the class); both unchanged when nothing was drawn.
     */
    Asked into(String question, String response, boolean comparison) {
        SplittableRandom choice = new SplittableRandom(question.hashCode() * 0xBF58476D1CE4E5B9L);
        String q = question;
        String r = response;
        List<Noun> used = new ArrayList<>();
        for (Noun noun : named(question)) {
            boolean person = PEOPLE.contains(noun);
            if (choice.nextInt(2) != 0) {
                continue;
            }
            List<Noun> pool = person ? otherPeople : otherThings;
            Noun other = pool.get(choice.nextInt(pool.size()));
            if (used.contains(other) || names(q, other) || names(r, other)) {
                continue;
            }
            used.add(other);
            q = swap(q, noun, other);
            r = swap(r, noun, other);
        }
        if (comparison && choice.nextInt(3) == 0) {
            String connector = connectors.get(choice.nextInt(connectors.size()));
            q = CONNECTOR.matcher(q).replaceFirst(" " + connector + " ");
        }
        return new Asked(q, r);
    }

    /** The nouns of {@link #PEOPLE} and {@link #THINGS} that {@code text} names, in that order. */
    private static List<Noun> named(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return java.util.stream.Stream.concat(PEOPLE.stream(), THINGS.stream()).filter(n -> namedIn(lower, n)).toList();
    }

    /** Whether {@code text} names {@code noun}, singular or plural, capitalised or not. */
    private static boolean names(String text, Noun noun) {
        return namedIn(text.toLowerCase(Locale.ROOT), noun);
    }

    /** Whether {@code lower}, already lowercase, names {@code noun}, singular or plural. */
    private static boolean namedIn(String lower, Noun noun) {
        return wordIn(lower, noun.one()) || wordIn(lower, noun.many());
    }

    private static boolean wordIn(String lower, String word) {
        // most texts name few of the nouns: the plain search rules those out before the whole-word one
        return lower.contains(word) && WHOLE_WORDS.computeIfAbsent(word, w -> Pattern.compile("\\b" + Pattern.quote(w) + "\\b")).matcher(lower).find();
    }

    /**
     * {@code text} with every whole-word {@code from} (singular, plural, capitalised or not) as {@code to}, and an "a" or
     * "an" right before it agreeing with {@code to}.
     */
    static String swap(String text, Noun from, Noun to) {
        String t = text;
        for (String[] pair : List.of(new String[] {from.many(), to.many()}, new String[] {from.one(), to.one()})) {
            Matcher m = WITH_ARTICLE.computeIfAbsent(pair[0], w -> Pattern.compile("\\b(?:([Aa]n?) )?("
                    + Pattern.quote(w) + "|" + Pattern.quote(capitalised(w)) + ")\\b")).matcher(t);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                boolean capital = Character.isUpperCase(m.group(2).charAt(0));
                String word = capital ? capitalised(pair[1]) : pair[1];
                String article = m.group(1) == null ? "" : article(m.group(1), word) + " ";
                m.appendReplacement(out, Matcher.quoteReplacement(article + word));
            }
            m.appendTail(out);
            t = out.toString();
        }
        return t;
    }

    /** "a" or "an" (capitalised as {@code was}) before {@code word}. */
    private static String article(String was, String word) {
        String a = "aeiou".indexOf(Character.toLowerCase(word.charAt(0))) >= 0 ? "an" : "a";
        return Character.isUpperCase(was.charAt(0)) ? "A" + a.substring(1) : a;
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static List<Noun> nouns(String... pairs) {
        List<Noun> out = new ArrayList<>();
        for (String pair : pairs) {
            String[] p = pair.split(" ");
            out.add(new Noun(p[0], p[1]));
        }
        return List.copyOf(out);
    }
}
