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
