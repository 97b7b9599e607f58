package org.thinktrace.text.jinja;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Templates Jinja2 also rejects fail with a message that names the line and the cause. */
class JinjaTemplateErrorTest {

    @ParameterizedTest
    @CsvSource(delimiter = '§', quoteCharacter = '"', value = {
            "a\\n{{ x | nosuchfilter }}§line 2§unknown filter 'nosuchfilter'",
            "{{ missing.attribute }}§line 1§'missing' is undefined",
            "{{ 'a' + missing }}§line 1§'missing' is undefined",
            "{{ 1 + 'a' }}§line 1§unsupported operand types for +: int and str",
            "{% if x %}never closed§line 1§endif",
            "{{ x is nosuchtest }}§line 1§unknown test 'nosuchtest'",
            "{% frobnicate %}§line 1§unknown tag {% frobnicate %}",
            "{{ raise_exception('no system role') }}§refused§no system role",
            "a\\n{{ '{abc}'.format(1) }}§line 2§format field {abc} of '{abc}' has no keyword argument abc=",
            "{{ '{0!r}'.format(1) }}§line 1§format field {0!r} of '{0!r}' is not supported",
            "{{ '{}{0}'.format(1) }}§line 1§mixes automatic field numbering",
            "{{ '%s %s' % (1, 2, 3) }}§line 1§not all arguments converted",
            "{{ '%x' % 1 }}§line 1§unsupported format %x",
            "{{ '%d' % 'a' }}§line 1§%d format needs a number, not str",
            "{{ 10 ** 20 }}§line 1§integer ** overflows this engine's 64-bit integers",
            "{{ 9223372036854775807 + 1 }}§line 1§integer + overflows",
            "a\\n{{ [1] | items }}§line 2§filter items needs a dict, got list",
            "{{ 'abc'.startswith(none) }}§line 1§str.startswith needs a str or a tuple of str, got None",
            "{{ 'abc'.endswith(('x', 1)) }}§line 1§str.endswith needs a str or a tuple of str, got int",
            "a\\n\\n{{ '{-1}'.format() }}§line 3§format field {-1} of '{-1}' is not supported",
            "{{ '{2}'.format(1) }}§line 1§format field {2} of '{2}' needs 3 positional argument(s), got 1",
            "{{ 'x}'.format() }}§line 1§single '}' in format string",
            "a\\n{{ 'abc\\§line 2§string literal is not closed (it ends in a backslash)",
            "{{ '\\xZZ' }}§line 1§invalid \\x escape in string literal: \\xZZ",
            "{{ '\\u12' }}§line 1§invalid \\u escape in string literal",
            "{{ '\\U00110000' }}§line 1§\\U00110000 is not a Unicode code point",
            "{{ 4 is divisibleby 0 }}§line 1§divisibleby 0: division by zero",
            "{{ 99999999999999999999 }}§line 1§integer literal 99999999999999999999 does not fit",
            "{{ 'a' | replace('a') }}§line 1§filter replace needs 2 argument(s), got 1",
            "{{ {} | attr }}§line 1§filter attr needs 1 argument(s), got 0",
            "{{ 'a' | round }}§line 1§filter round needs a number, got str",
            "{{ 'a'.find(none) }}§line 1§str.find needs a str argument, got None",
            "{{ 'a'.split('') }}§line 1§str.split: empty separator",
            "{{ 'a'.rsplit('', 5) }}§line 1§str.rsplit: empty separator",
            "a\\n{{ range() }}§line 2§range() needs 1 to 3 arguments, got 0",
            "{{ range(1, 2, 0) }}§line 1§range() step must not be zero",
            "{{ range('a') }}§line 1§expected an integer, got str",
    })
    void failuresNameLineAndCause(String template, String where, String cause) {
        TemplateException error = assertThrows(TemplateException.class,
                () -> JinjaTemplate.parse(template.replace("\\n", "\n")).render(Map.of()));
        assertTrue(error.getMessage().contains(where) && error.getMessage().contains(cause), error.getMessage());
    }

    @Test
    void strftimeNowFormatsTheClock() {
        ZonedDateTime fixed = ZonedDateTime.of(2024, 7, 26, 9, 5, 0, 0, ZoneOffset.UTC);
        JinjaTemplate template = JinjaTemplate.parse("{{ strftime_now('%d %b %Y, %A %H:%M') }}", () -> fixed);
        assertEquals("26 Jul 2024, Friday 09:05", template.render(Map.of()));
    }

    @Test
    void marksFollowContentThroughStringOperations() {
        JinjaTemplate template = JinjaTemplate.parse("<{{ text.split('|')[-1].strip() ~ '!' }}>");
        JinjaTemplate.Rendered rendered = template.renderMarked(Map.of("text", MarkedString.marked("drop|  keep  ")));
        assertEquals("<keep!>", rendered.text());
        assertEquals(List.of(1, 2, 3, 4), rendered.marked().stream().boxed().toList());
    }
}
