"""Regenerates jinja2-goldens.json: what Python Jinja2, set up as HuggingFace's apply_chat_template sets it
up (transformers/utils/chat_template_utils.py), renders for small templates that exercise one feature each.
The Java engine must render the same. Run: python3 make-goldens.py > jinja2-goldens.json"""
import json
import sys
from datetime import datetime

from jinja2 import nodes
from jinja2.ext import Extension, loopcontrols
from jinja2.sandbox import ImmutableSandboxedEnvironment


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


class Generation(Extension):
    """HF's AssistantTracker when it is not tracking: {% generation %}...{% endgeneration %} renders its body."""
    tags = {"generation"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(("name:endgeneration",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_render_body"), [], [], body).set_lineno(lineno)

    def _render_body(self, caller):
        return caller()


env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols, Generation])
env.filters["tojson"] = tojson
env.globals["strftime_now"] = lambda fmt: datetime.now().strftime(fmt)

MESSAGES = [
    {"role": "system", "content": "  Be brief.  "},
    {"role": "user", "content": "Hi <b>there</b>"},
    {"role": "assistant", "content": "<think>\nhmm\n</think>\n\nHello!", "reasoning_content": None},
    {"role": "user", "content": "草莓 🍓 e\u0301"},
]
VARIABLES = {"messages": MESSAGES, "xs": [3, 1, 2, 1], "name": "Ada", "tools": [
    {"type": "function", "function": {"name": "get_weather", "parameters": {"city": "Zürich", "days": 3, "metric": True,
                                                                          "extra": None, "ratio": 0.5}}}]}

CASES = {
    "whitespace-trim-lstrip": "{% for x in xs %}\n    {{ x }}\n{% endfor %}\nend",
    "whitespace-minus": "a  {%- if true -%}  b  {%- endif -%}  c {{- ' d ' -}} e",
    "whitespace-plus": "x\n    {%+ if true %}y{% endif +%}\nz",
    "whitespace-comment": "a\n    {# note #}\nb {#- tight -#} c",
    "whitespace-expression-no-trim": "{{ 'a' }}\n{{ 'b' }}\n",
    "string-split": "{{ 'a</think>b</think>c'.split('</think>')[-1] }}|{{ 'a  b c '.split() }}|{{ 'a,b,c'.split(',', 1) }}|{{ ',a,'.split(',') }}|{{ 'a,b,c'.rsplit(',', 1) }}",
    "string-strip": "[{{ '\\n\\nx\\n'.lstrip('\\n') }}][{{ '\\nx\\n\\n'.rstrip('\\n') }}][{{ '  x  '.strip() }}][{{ 'xxaxx'.strip('x') }}]",
    "string-tests": "{{ 'abc'.startswith('ab') }} {{ 'abc'.endswith(('x', 'c')) }} {{ 'abc'.find('c') }} {{ 'aXa'.count('a') }}",
    "string-case": "{{ 'hello World'.upper() }} {{ 'HeLLo'.lower() }} {{ 'hello world'.title() }} {{ 'hELLO'.capitalize() }}",
    "string-replace": "{{ 'a-b-c'.replace('-', '+') }} {{ 'a-b-c'.replace('-', '+', 1) }} {{ 'l1\\nl2\\n'.splitlines() }}",
    "string-format": "{{ '{} and {}'.format('x', 1) }} {{ '{0}{0}'.format('y') }}",
    "slicing": "{{ xs[::-1] }} {{ xs[1:] }} {{ xs[:-1] }} {{ xs[1:4:2] }} {{ xs[-1] }} {{ 'abc🍓'[::-1] }} {{ 'hello'[1:3] }}",
    "messages-reversed": "{% for m in messages[::-1] %}{{ loop.index0 }}={{ m.role }};{% endfor %}",
    "namespace": "{% set ns = namespace(count=0, last=messages|length - 1) %}{% for m in messages %}{% if m.role == 'user' %}{% set ns.count = ns.count + 1 %}{% endif %}{% endfor %}{{ ns.count }}/{{ ns.last }}",
    "scoping": "{% set x = 1 %}{% for i in xs %}{% set x = i %}{% endfor %}{{ x }}",
    "loop-variables": "{% for x in xs %}{{ loop.index }}{{ loop.index0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.cycle('a', 'b') }};{% endfor %}",
    "loop-prev-next": "{% for x in xs %}{{ loop.previtem is defined }}{{ loop.nextitem | default('-') }},{% endfor %}",
    "loop-controls": "{% for x in xs %}{% if x == 2 %}{% break %}{% endif %}{% if x == 1 %}{% continue %}{% endif %}{{ x }}{% endfor %}",
    "loop-else-filter": "{% for x in [] %}{{ x }}{% else %}empty{% endfor %}|{% for x in xs if x > 1 %}{{ x }}{% endfor %}",
    "loop-unpack": "{% for k, v in tools[0].function.parameters.items() %}{{ k }}={{ v }};{% endfor %}",
    "tojson": "{{ tools | tojson }}|{{ 'é\"\\n\\t\\u0001' | tojson }}|{{ none | tojson }}|{{ [] | tojson }}",
    "tojson-indent": "{{ tools[0] | tojson(indent=2) }}|{{ {'b': 1, 'a': [1, {}]} | tojson(indent=4) }}",
    "filters-basic": "{{ xs | length }} {{ '  t  ' | trim }} {{ xs | join(', ') }} {{ xs | first }} {{ xs | last }} {{ xs | unique | list }} {{ xs | sort }} {{ xs | sort(reverse=true) }} {{ xs | sum }} {{ xs | min }} {{ xs | max }}",
    "filters-default": "{{ missing | default('d') }} {{ '' | default('e') }} {{ '' | default('f', true) }} {{ none | default('g') }}",
    "filters-attr": "{{ messages | map(attribute='role') | join(',') }} {{ messages | selectattr('role', 'equalto', 'user') | list | length }} {{ messages | rejectattr('role', 'equalto', 'user') | map(attribute='role') | list }}",
    "filters-convert": "{{ '42' | int + 1 }} {{ '2.5' | float }} {{ -3 | abs }} {{ 2.567 | round(2) }} {{ 7 | string ~ '!' }} {{ 'abc' | reverse }} {{ xs | reverse | list }}",
    "filters-dict": "{{ {'b': 2, 'a': 1} | dictsort }} {{ {'x': 1} | items | list }}",
    "filters-indent": "{{ 'a\\nb\\n\\nc' | indent(2) }}|{{ 'a\\nb' | indent(2, true) }}",
    "filters-upper-title": "{{ 'ab cd' | upper }} {{ 'ab cd' | title }} {{ 'ab cd' | capitalize }} {{ 'AB' | lower }}",
    "tests": "{{ x is defined }} {{ name is defined }} {{ none is none }} {{ name is string }} {{ 1 is number }} {{ {} is mapping }} {{ xs is sequence }} {{ xs is iterable }} {{ true is true }} {{ false is false }} {{ 6 is divisibleby 3 }} {{ 2 is equalto 2 }} {{ name is not none }} {{ 3 is odd }} {{ 4 is even }}",
    "operators": "{{ 1 + 2 * 3 }} {{ (1 + 2) * 3 }} {{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ -7 % 3 }} {{ 2 ** 10 }} {{ 10 / 4 }} {{ 4 / 2 }} {{ 'a' ~ 1 ~ none }} {{ 'a' + 'b' }} {{ [1] + [2] }} {{ 'ab' * 2 }}",
    "logic": "{{ 1 and 'x' }} {{ 0 or 'y' }} {{ not 1 in xs }} {{ 5 not in xs }} {{ 'ell' in 'hello' }} {{ 'a' < 'b' }} {{ 1 == 1.0 }} {{ 'x' if false else 'z' }} [{{ 'x' if false }}] {{ none == none }}",
    "repr": "{{ [1, 'a', none, true, 1.5, \"it's\"] }} {{ {'k': 'v', 'n': none} }} {{ none }} {{ true }} {{ 3.0 }}",
    "dict-methods": "{{ messages[0].get('role') }} {{ messages[0].get('missing', 'fallback') }} {{ messages[0].keys() | list }} {{ messages[2]['reasoning_content'] is none }} {{ messages[2].tool_calls is defined }}",
    "macro": "{% macro greet(who, punct='!') %}Hi {{ who }}{{ punct }}{% endmacro %}{{ greet('Ada') }} {{ greet('Bob', punct='?') }} {{ greet(who='Cy') }}",
    "set-block": "{% set block %}\n  x{{ name }}\n{% endset %}[{{ block }}]",
    "set-tuple": "{% set a, b = 1, 2 %}{{ a }}{{ b }}",
    "range": "{% for i in range(3) %}{{ i }}{% endfor %} {{ range(1, 7, 2) | list }}",
    "dict-literal": "{% set d = {'role': 'x', 'n': [1, 2]} %}{{ d.role }}{{ d['n'][1] }}",
    "r1-drop-thinking": "{% for m in messages %}{% set content = m['content'] %}{% if '</think>' in content %}{% set content = content.split('</think>')[-1] %}{% endif %}[{{ content }}]{% endfor %}",
    "qwen3-reasoning": "{% set m = messages[2] %}{{ m.content.split('</think>')[0].rstrip('\\n').split('<think>')[-1].lstrip('\\n') }}|{{ m.content.split('</think>')[-1].lstrip('\\n') }}",
    "percent-format": "{{ '%s-%d' % ('a', 3) }} {{ '%s' % 'x' }} {{ '100%%' % () }} {{ '%5.2f|%r' % (3.14159, 'q') }} {{ (1, 'a') }}",
    "llama3-constructs": "{%- if not date_string is defined %}\n    {%- if strftime_now is defined %}\n        {%- set date_string = 'now' %}\n    {%- endif %}\n{%- endif %}\n{%- if messages[0]['role'] == 'system' %}\n    {%- set system_message = messages[0]['content']|trim %}\n    {%- set messages = messages[1:] %}\n{%- endif %}\n{{- date_string + ':' + system_message }}\n{%- for message in messages %}\n    {%- if not (message.role == 'tool' or 'tool_calls' in message) %}\n        {{- '|' -}}\n        {{- message.role }}{{ message.content is mapping or message.content is iterable }}\n    {%- endif %}\n{%- endfor %}",
    "python-whitespace-strip": "[{{ '\\u00a0x\\u202f' | trim }}][{{ '\\u2007y\\x85'.strip() }}][{{ 'a\\u00a0b'.split() }}][{{ '\\u00a0z'.lstrip() }}]",
    "filters-indent-whitespace-lines": "{{ 'a\\n  \\nb' | indent(2) }}|{{ '\\n  a' | indent(2, true) }}",
    "string-replace-empty-old": "{{ 'ab'.replace('', '-', 2) }} {{ 'ab'.replace('', '-', 100) }} {{ 'ab' | replace('', '-', 1) }}",
    "range-large-step": "{{ range(9223372036854775806, 9223372036854775807, 9223372036854775807) | list }} {{ range(-9223372036854775807, 9223372036854775807, 9223372036854775807) | list }}",
    "string-splitlines-python": "{{ 'a\\rb\\r\\nc\\x0bd\\n'.splitlines() }}",
    "whitespace-control-unicode-spaces": "a\u00a0 {%- if true -%} \u00a0b\x85{{- 'c' -}}\u2007d{% endif %}|x\n\u00a0 {% if true %}y{% endif %}",
    "repr-namespace": "{% set ns = namespace(a=1, b='x') %}{{ ns }}",
    "generation-block": "{% for m in messages %}{% if m.role == 'assistant' %}{% generation %}{{ m.content | length }}{% endgeneration %}{% endif %}{% endfor %}",
    "string-index-slice-code-points": "{{ 'a🍓b'[1] }} {{ 'a🍓b'[-1] }} {{ 'a🍓bc🍓'[::2] }} {{ 'a🍓bc🍓'[::-2] }} {{ 'a🍓bc🍓'[1:4] }} {{ 'a🍓bc'[5] is defined }} {{ 'a🍓b' | first }} {{ 'a🍓b' | last }} {{ 'a🍓b' | list }} {% for c in 'x🍓' %}[{{ c }}]{% endfor %} [{{ ''[::-1] }}|{{ 'abc'[10:] }}|{{ 'abcdef'[-2:1:-1] }}|{{ 'abcdef'[-100:100:3] }}|{{ '' | first is defined }}]",
    "percent-format-flags": "{{ '%-5s|%5s|%.2s|%05d|%+d|% d|%-6.2f|%+.1f|%.0f|%i|%5.1f%%' % ('ab', 'cd', 'xyz', 42, 7, 3, 2.675, -0.05, 2.5, 3.9, 99.44) }} {{ '%-s.' % 'z' }} {{ '%s %r %s' % (none, none, 'é🍓') }} {{ '%d|%-4d|%04d' % (true, -5, -5) }} {{ 'no conversions' % () }}",
    "string-format-fields": "{{ '{name}: {}'.format('x', name='n') }} {{ '{{}}{0}'.format(1) }} {{ '{}{}'.format('a🍓', 2.5) }} {{ '{1}{0}{1}'.format('a', 'b') }}",
    "float-repr": "{{ 0.0001 }} {{ 0.00001 }} {{ 12345678.5 }} {{ 10000000000000000.0 }} {{ 15000000000000000.0 }} {{ 1000000000000000.0 }} {{ -0.0 }} {{ 0.1 + 0.2 }} {{ 1 / 3 }} {{ 2 ** -20 }} {{ 1.5 * 10.0 ** 20 }} {{ 2 ** 62 }} {{ (-2) ** 63 }} {{ 100.0 }} {{ [0.00001, 1e16, -2.5e-7] }} {{ 1e300 * 1e10 }} {{ -1e300 * 1e10 }} {{ (1e300 * 1e10) - (1e300 * 1e10) }}",
    "float-tojson-string": "{{ [0.0001, 0.00001, 12345678.5, 1e16, 1.5e16, -0.0, 0.1 + 0.2, 1e300 * 1e10, -1e300 * 1e10, {'r': 2 ** -20}] | tojson }} {{ 1e-05 | string }} {{ (1.5e16 | string) ~ '|' ~ (0.1 + 0.2) }} {{ 1.5e16 ~ '' }} {{ '%s %r' % (1e-05, 1e16) }} {{ '{}'.format(1e22) }}",
    "float-literals": "{{ 1e5 }} {{ 1E5 }} {{ 2.5e-3 }} {{ 1_000.5 }} {{ 1e+2 }} {{ 3e0 is float }} {{ 1_000 }} {{ 1e999 }}",
    "comparison-chains": "{{ 1 < 2 < 3 }} {{ 1 < 3 < 2 }} {{ 3 > 2 > 1 }} {{ 1 == 1 == 1 }} {{ 1 < 2 == 2 }} {{ 1 <= 1 < 2 <= 2 }} {{ 2 > 1 in [1] }} {{ 'a' < 'b' < 'c' }} {{ not 1 < 2 < 3 }} {{ 1 < 2 < 3 and 0 }} {% if 0 < xs|length <= 4 %}in range{% endif %}",
    "test-sameas": "{{ 1 is sameas true }} {{ 0 is sameas false }} {{ true is sameas true }} {{ none is sameas none }} {{ false is sameas none }} {{ 1 is sameas 1 }} {{ 'a' is sameas 'a' }} {{ 1 is sameas 1.0 }} {{ true is sameas 1 }} {{ none is sameas false }}",
    "comparison-bools-numbers": "{{ true == 1 }} {{ false == 0 }} {{ true == 1.0 }} {{ true != 2 }} {{ true in [1] }} {{ 1 in [true] }} {{ true < 2 }} {{ false < 0.5 }} {{ true == 'True' }} {{ [true, 1, 1.0] | unique | list | length }} {{ -0.0 < 0.0 }} {{ -0.0 == 0 }} {{ 9007199254740993 == 9007199254740992 }} {{ (1e300 * 1e10 - 1e300 * 1e10) < 1 }} {{ (1e300 * 1e10 - 1e300 * 1e10) >= 1 }}",
}


def main():
    goldens = []
    for name, template in CASES.items():
        goldens.append({"name": name, "template": template, "expected": env.from_string(template).render(**VARIABLES)})
    json.dump({"variables": VARIABLES, "cases": goldens}, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
