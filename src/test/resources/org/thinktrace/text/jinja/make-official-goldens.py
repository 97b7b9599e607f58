"""Regenerates official-template-goldens.json: the official chat templates of ../shared/fixtures rendered by
Python Jinja2 with HuggingFace's settings for conversations the fixture cases do not cover (tools, tool
calls, tool results, Llama 3's template). Run from the project root:
python3 src/test/resources/org/thinktrace/text/jinja/make-official-goldens.py > \
    src/test/resources/org/thinktrace/text/jinja/official-template-goldens.json"""
import json
import sys
from pathlib import Path

from jinja2.ext import loopcontrols
from jinja2.sandbox import ImmutableSandboxedEnvironment

FIXTURES = Path("../shared/fixtures")


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def raise_exception(message):
    raise ValueError(message)


env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols])
env.filters["tojson"] = tojson
env.globals["raise_exception"] = raise_exception

TEMPLATES = {
    "chat-templates/Qwen-Qwen2.5-7B-Instruct.jinja": ("<|im_end|>", None),
    "chat-templates/Qwen-Qwen3-0.6B.jinja": ("<|im_end|>", None),
    "chat-templates/Qwen-QwQ-32B.jinja": ("<|im_end|>", None),
    "chat-templates/deepseek-ai-DeepSeek-R1-Distill-Qwen-32B.jinja": ("<｜end▁of▁sentence｜>", "<｜begin▁of▁sentence｜>"),
    "tokenizers/llama3.1/tokenizer_config.json": ("<|eot_id|>", "<|begin_of_text|>"),
}

TOOLS = [{"type": "function", "function": {
    "name": "get_weather", "description": "Weather in a city — today",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}]

CASES = {
    "tools-first-turn": {"tools": TOOLS, "messages": [
        {"role": "system", "content": "Use tools when useful."},
        {"role": "user", "content": "Weather in Zürich?"}]},
    "tool-call-and-result": {"tools": TOOLS, "messages": [
        {"role": "user", "content": "Weather in Zürich?"},
        {"role": "assistant", "content": "", "tool_calls": [
            {"type": "function", "function": {"name": "get_weather", "arguments": {"city": "Zürich"}}}]},
        {"role": "tool", "content": "{\"temp\": 21}"},
        {"role": "tool", "content": "{\"wind\": 3}"},
        {"role": "user", "content": "<tool_response>x</tool_response>"}]},
    "assistant-content-none-tool-call": {"messages": [
        {"role": "user", "content": "Weather?"},
        {"role": "assistant", "content": None, "tool_calls": [
            {"type": "function", "function": {"name": "get_weather", "arguments": "{\"city\": \"Paris\"}"}}]},
        {"role": "tool", "content": "sunny"},
        {"role": "user", "content": "Thanks"}]},
    "multi-turn-thinking-history": {"messages": [
        {"role": "user", "content": "  a  "},
        {"role": "assistant", "content": "<think>\nr1\n</think>\n\nA1"},
        {"role": "user", "content": "b"},
        {"role": "assistant", "content": "<think>r2</think>A2"},
        {"role": "user", "content": "c"},
        {"role": "assistant", "content": "<think>\nr3\n</think>\n\nA3"}]},
}


def template_source(path):
    file = FIXTURES / path
    if file.suffix == ".json":
        return json.loads(file.read_text(encoding="utf-8"))["chat_template"]
    return file.read_text(encoding="utf-8")


def main():
    goldens = []
    for path, (eos, bos) in TEMPLATES.items():
        template = env.from_string(template_source(path))
        for name, case in CASES.items():
            for add_generation_prompt in (True, False):
                variables = dict(case, add_generation_prompt=add_generation_prompt, bos_token=bos or "", eos_token=eos)
                try:
                    expected, error = template.render(**variables), None
                except Exception as e:  # the Java engine must fail on the same inputs
                    expected, error = None, type(e).__name__
                goldens.append({"template": path, "case": name, "variables": variables,
                                "expected": expected, "error": error})
    json.dump(goldens, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
