"""Every cache has a bound, so no sequence of requests grows a server without limit."""

import ast
from pathlib import Path

import explainer
from explainer.model import channels

CODE = Path(explainer.__file__).parent
STREAMLIT_CACHES = {"cache_data", "cache_resource"}


def _decorators():
    for path in sorted(CODE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for decorator in node.decorator_list:
                    yield f"{path.relative_to(CODE)}:{node.name}", decorator


def _name(node: ast.expr) -> str:
    target = node.func if isinstance(node, ast.Call) else node
    return target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")


def _unbounded(decorator: ast.expr) -> bool:
    name = _name(decorator)
    if name == "cache":
        return True
    keywords = {k.arg: k.value for k in getattr(decorator, "keywords", [])}
    if name == "lru_cache":  # bare @lru_cache keeps 128; maxsize=None keeps everything
        size = keywords.get("maxsize")
        if size is None and isinstance(decorator, ast.Call) and decorator.args:
            size = decorator.args[0]
        return isinstance(size, ast.Constant) and size.value is None
    if name in STREAMLIT_CACHES:
        return "max_entries" not in keywords
    return False


def test_no_cache_in_the_code_is_unbounded():
    unbounded = [where for where, decorator in _decorators() if _unbounded(decorator)]
    assert unbounded == []


def test_the_scan_finds_the_caches_it_should():
    names = {_name(decorator) for _, decorator in _decorators()}
    assert {"lru_cache", "cache_data", "cache_resource"} <= names


def test_many_temperatures_keep_only_a_few_gate_tables():
    channels.gate_tables.cache_clear()
    for i in range(40):
        channels.gate_tables(30.0 + i / 4, 0.025)
    assert channels.gate_tables.cache_info().currsize == channels.GATE_TABLES_KEPT
