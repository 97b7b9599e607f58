package org.thinktrace.text.jinja;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile templates (the cases of a hostile-input campaign against the engine) end in a {@link TemplateException}
 * naming the limit reached, its value and the template's file, quickly and with bounded memory and stack.
 */
@Timeout(60)
class JinjaTemplateLimitsTest {

    private static final String ORIGIN = "/models/evil/tokenizer_config.json chat_template";

    private static TemplateException failure(String source, TemplateLimits limits) {
        return assertThrows(TemplateException.class,
                () -> JinjaTemplate.parse(source, ORIGIN, limits, ZonedDateTime::now).render(Map.of()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '§', quoteCharacter = '"', value = {
            "{% for i in range(999999999) %}x{% endfor %}§list length (at most 100,000 items)",
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}§loop iterations (at most 1,000,000)",
            "{{ 'a' * 1000000000 }}§string length (at most 8,388,608 characters)",
            "{{ 'a' * 2**31 }}§string length (at most 8,388,608 characters)",
            "{{ 'ab' * 9223372036854775807 }}§string length (at most 8,388,608 characters)",
            "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}§macro call depth (at most 100)",
            "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}§string length",
            "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}§string length",
            "{% set ns = namespace(l=[1]) %}{% for i in range(40) %}{% set ns.l = ns.l + ns.l %}{% endfor %}§list length (at most 100,000 items)",
            "{% for i in range(100000) %}{{ 'x' * 100 }}{% endfor %}§output length (at most 8,388,608 characters)",
            "{% set s = 'a' * 1000000 %}{{ s.replace('a', s) }}§string length",
            "{% set s = 'a' * 1000000 %}{{ s | replace('a', s) }}§string length",
            "{{ 'x\\ny\\nz' | indent(1000000000) }}§string length",
            "{{ [1, [2, [3]]] | tojson(indent=1000000000) }}§string length",
            "{{ '%1000000000s' % 'a' }}§string length",
            "{{ (range(90000) | list) | join('x' * 1000) }}§string length",
            "{% set s = 'y' * 4000000 %}{% for i in range(100) %}{% set t = s ~ i %}{% endfor %}§text built by one render",
    })
    void hostileRenderingHitsANamedLimit(String source, String limit) {
        TemplateException error = failure(source.replace("\\n", "\n"), TemplateLimits.DEFAULT);
        assertTrue(error.getMessage().startsWith(ORIGIN + ": "), error.getMessage());
        assertTrue(error.getMessage().contains("template limit reached: " + limit), error.getMessage());
        assertTrue(error.getMessage().contains(": line "), error.getMessage());
    }

    @Test
    void deeplyNestedSourceFailsInTheParserNotOnTheStack() {
        String parentheses = "{{ " + "(".repeat(5000) + "1" + ")".repeat(5000) + " }}";
        String ifs = "{% if true %}".repeat(3000) + "x" + "{% endif %}".repeat(3000);
        String negations = "{{ " + "not ".repeat(5000) + "true }}";
        String minus = "{{ " + "- ".repeat(5000) + "1 }}";
        String lists = "{{ " + "[".repeat(5000) + "]".repeat(5000) + " }}";
        for (String source : List.of(parentheses, ifs, negations, minus, lists)) {
            TemplateException error = failure(source, TemplateLimits.DEFAULT);
            assertTrue(error.getMessage().contains("template limit reached: nesting depth of blocks and expressions (at most 100)"),
                    error.getMessage());
            assertTrue(error.getMessage().startsWith(ORIGIN), error.getMessage());
        }
    }

    @Test
    void theDeepestAllowedTemplateParsesAndRendersOnAHalfMegabyteStack() throws InterruptedException {
        String source = "{% if true %}".repeat(30) + "{{ " + "(".repeat(60) + "1 + 1" + ")".repeat(60) + " }}"
                + "{% endif %}".repeat(30);
        AtomicReference<Object> result = new AtomicReference<>();
        Thread small = new Thread(null, () -> {
            try {
                result.set(JinjaTemplate.parse(source).render(Map.of()));
            } catch (Throwable e) {
                result.set(e);
            }
        }, "small-stack", 512 * 1024);
        small.start();
        small.join();
        assertEquals("2", result.get());
    }

    @Test
    void renderTimeIsBounded() {
        TemplateLimits quick = new TemplateLimits(Long.MAX_VALUE, 100_000, 8_388_608, Long.MAX_VALUE, 100, 100,
                Duration.ofMillis(200));
        TemplateException error = failure(
                "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", quick);
        assertTrue(error.getMessage().contains("template limit reached: render time (at most 200 ms)"), error.getMessage());
    }

    @Test
    void quadraticFiltersStopAtTheRenderTime() {
        TemplateLimits quick = new TemplateLimits(Long.MAX_VALUE, 100_000, 8_388_608, Long.MAX_VALUE, 100, 100,
                Duration.ofMillis(200));
        TemplateException error = failure("{{ range(100000) | unique | length }}", quick);
        assertTrue(error.getMessage().contains("render time"), error.getMessage());
    }

    @Test
    void engineFaultsBecomeTemplateExceptionsNamingTheFile() {
        // '{abc}'.format(1) was the example of an engine fault; it now fails with its own message (the error
        // tests), so the fault comes from a value whose toString throws, as a caller's odd object might.
        Object faulty = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("faulty value");
            }
        };
        TemplateException error = assertThrows(TemplateException.class,
                () -> JinjaTemplate.parse("a\n{{ x }}", ORIGIN, TemplateLimits.DEFAULT, ZonedDateTime::now).render(Map.of("x", faulty)));
        assertTrue(error.getMessage().startsWith(ORIGIN + ": line 2: the template engine failed"), error.getMessage());
        assertTrue(error.getMessage().contains("faulty value"), error.getMessage());
    }

    @Test
    void longChainsFailInTheParserNotOnTheStack() {
        // A chain parses in a loop but renders by recursion, one level per link: 5,000 links overflowed the
        // render's stack, and only the StackOverflowError safety net turned that into a TemplateException.
        List<String> chains = List.of(
                "{{ x" + " | string".repeat(5000) + " }}",
                "{{ 1" + " + 1".repeat(5000) + " }}",
                "{{ 'a'" + " ~ 'a'".repeat(5000) + " }}",
                "{{ 1" + " or 1".repeat(5000) + " }}",
                "{{ x" + ".a".repeat(5000) + " }}",
                "{{ x" + "[0]".repeat(5000) + " }}",
                "{{ x" + " is defined".repeat(5000) + " }}");
        for (String source : chains) {
            TemplateException error = assertThrows(TemplateException.class,
                    () -> JinjaTemplate.parse(source, ORIGIN, TemplateLimits.DEFAULT, ZonedDateTime::now));
            assertTrue(error.getMessage().contains("template limit reached: nesting depth of blocks and expressions (at most 100)"),
                    error.getMessage());
        }
    }

    @Test
    void rangeWithAStepNearTheLongLimitStopsAtItsEnd() {
        // i += step wrapped past Long.MAX_VALUE and never reached stop: the list grew until the heap ran out
        // (OutOfMemoryError after 30 s with 1 GB), the render time limit never checked.
        String source = "{{ range(1, 9223372036854775807, 9223372036854775807) | list }}";
        assertEquals("[1]", JinjaTemplate.parse(source, ORIGIN, TemplateLimits.DEFAULT, ZonedDateTime::now).render(Map.of()));
    }

    @Test
    void replaceOfTheEmptyStringWithAHugeCountEnds() {
        // The empty old text is found at the same position forever: the loop ran count (10^15) times with no
        // clock check, a hang, or appended until the heap ran out.
        JinjaTemplate hang = JinjaTemplate.parse("{{ 'ab'.replace('', '', 1000000000000000) }}", ORIGIN,
                TemplateLimits.DEFAULT, ZonedDateTime::now);
        assertEquals("ab", hang.render(Map.of()));
        JinjaTemplate grow = JinjaTemplate.parse("{{ 'ab' | replace('', '-', 1000000000000000) }}", ORIGIN,
                TemplateLimits.DEFAULT, ZonedDateTime::now);
        assertEquals("-a-b-", grow.render(Map.of()));
    }

    @Test
    void printingAListBuildsNoMoreThanTheStringLimit() {
        // 16,384 references to one 1,000-character string: its str() is 16 million characters, built whole
        // before anything was checked (with an 8-million-character string, an OutOfMemoryError).
        TemplateLimits small = new TemplateLimits(1_000_000, 100_000, 100_000, 10_000_000, 100, 100, Duration.ofSeconds(10));
        String list = "{% set ns = namespace(l=['a' * 1000]) %}{% for i in range(14) %}{% set ns.l = ns.l + ns.l %}{% endfor %}";
        for (String use : List.of("{{ (ns.l | string) | length }}", "{{ (ns | string) | length }}",
                "{{ ns.l | join(',') | length }}", "{{ ('%s' % ns.l) | length }}")) {
            TemplateException error = failure(list + use, small);
            assertTrue(error.getMessage().contains("template limit reached: string length (at most 100,000 characters)"),
                    use + ": " + error.getMessage());
        }
    }

    @Test
    void indentedJsonOfALargeSchemaStaysWithinTheLimits() {
        // tojson(indent=...) charged the whole output so far once per item: 5,000 items made 1.3 billion
        // "characters built" out of half a million, and a large but ordinary tool schema failed.
        List<String> items = java.util.stream.IntStream.range(0, 5000).mapToObj(i -> "v".repeat(100) + i).toList();
        String rendered = JinjaTemplate.parse("{{ tool | tojson(indent=2) }}", ORIGIN, TemplateLimits.DEFAULT,
                ZonedDateTime::now).render(Map.of("tool", Map.of("enum", items)));
        assertTrue(rendered.startsWith("{\n  \"enum\": [\n    \"vvv"), rendered.substring(0, 30));
        assertTrue(rendered.length() > 500_000, "length " + rendered.length());
    }

    @Test
    void iteratingALongStringStaysWithinTheListLimit() {
        // A string's characters become a list of one-character strings for a for loop, |list, an index or a
        // slice, with no list length check: an 8-million-character string gives 8 million objects (~0.4 GB,
        // ~1 GB when marked), and three nested loops over it ran a 1 GB heap out of memory.
        TemplateException error = failure("{{ ('a' * 200000) | list | length }}", TemplateLimits.DEFAULT);
        assertTrue(error.getMessage().contains("template limit reached: list length"), error.getMessage());
    }

    @Test
    void indexingAndSlicingALongStringBuildNoListAndForLoopsOverItHitTheLimit() {
        String source = "{% set s = 'ab' * 2000000 ~ '\\U0001F353' %}{{ s[-1] }}{{ s[-2] }}{{ s[::-1][:3] }}{{ s | last }}"
                + "{{ s | first }}{{ (s | reverse)[1] }}{{ s[::1000000] }}{{ s | length }}";
        String rendered = JinjaTemplate.parse(source, ORIGIN, TemplateLimits.DEFAULT, ZonedDateTime::now).render(Map.of());
        assertEquals("\uD83C\uDF53b\uD83C\uDF53ba\uD83C\uDF53ab" + "aaaa\uD83C\uDF53" + "4000001", rendered);
        for (String loop : List.of("{% for c in 'a' * 200000 %}{% endfor %}", "{{ ('a' * 200000)[::-1] | list | length }}")) {
            TemplateException error = failure(loop, TemplateLimits.DEFAULT);
            assertTrue(error.getMessage().contains("template limit reached: list length"), error.getMessage());
        }
    }

    @Test
    void ordinaryTemplatesStayWithinTheLimits() {
        String source = "{% for m in messages %}{{ m.role ~ ': ' ~ m.content | trim }}\n{% endfor %}";
        List<Map<String, Object>> messages = java.util.stream.IntStream.range(0, 2000)
                .mapToObj(i -> Map.<String, Object>of("role", i % 2 == 0 ? "user" : "assistant", "content", " turn " + i + " "))
                .toList();
        String rendered = JinjaTemplate.parse(source, ORIGIN, TemplateLimits.DEFAULT, ZonedDateTime::now)
                .render(Map.of("messages", messages));
        assertTrue(rendered.startsWith("user: turn 0\nassistant: turn 1\n"), rendered.substring(0, 40));
        assertEquals(2000, rendered.lines().count());
    }
}
