"""Plural-Forms as msgfmt -c reads it: ``nplurals=N; plural=EXPRESSION;``, the expression in
gettext's subset of C over ``n`` (``?:``, ``||``, ``&&``, comparisons, ``+ - * / %``, ``!``)."""

from __future__ import annotations

from collections.abc import Callable

from aligner import lazyre

Rule = Callable[[int], int]

_NPLURALS = lazyre.compile(r"nplurals\s*=\s*([^;]*)")
_PLURAL_EXPRESSION = lazyre.compile(r"(?:^|;)\s*plural\s*=\s*([^;]*)")
_PLURAL_TOKEN = lazyre.compile(r"\s*(?:(\d+)|(n)|(\|\||&&|==|!=|<=|>=|[-+*/%<>!?:()]))")
_EVAL_MAX = 1000  # msgfmt evaluates the expression for n = 0 ... 1000


def problem(rule: str) -> str | None:
    """What msgfmt -c finds wrong with a Plural-Forms value, or None: nplurals must be an integer,
    plural an expression in gettext's C subset that never divides by zero, never goes negative
    and stays below nplurals (for n up to 1000)."""
    if _PLURAL_EXPRESSION.search(rule) is None:
        return None
    count = _NPLURALS.search(rule)
    if count is None or not count.group(1).strip().isdigit():
        return "invalid nplurals value in Plural-Forms"
    nplurals = int(count.group(1))
    expression = _PLURAL_EXPRESSION.search(rule)
    tree = _parse_plural(expression.group(1) if expression else "")
    if tree is None:
        return "invalid plural expression in Plural-Forms"
    largest = 0
    for n in range(_EVAL_MAX + 1):
        try:
            value = tree(n)
        except ZeroDivisionError:
            return "plural expression can produce division by zero"
        if value < 0:
            return "plural expression can produce negative values"
        largest = max(largest, value)
    if largest >= nplurals:
        return f"nplurals = {nplurals} but plural expression can produce values as large as {largest}"
    return None


def _parse_plural(text: str) -> Rule | None:
    """A function of n for a gettext plural expression, or None when it is not one."""
    tokens: list[str] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _PLURAL_TOKEN.match(text, position)
        if match is None or match.end() == position:
            return None
        tokens.append(match.group(0).strip())
        position = match.end()
        while position < len(text) and text[position].isspace():
            position += 1
    index = 0

    def peek() -> str:
        return tokens[index] if index < len(tokens) else ""

    def take() -> str:
        nonlocal index
        index += 1
        return tokens[index - 1]

    binary = [("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%")]

    def ternary() -> Rule:
        condition = level(0)
        if peek() != "?":
            return condition
        take()
        yes = ternary()
        if peek() != ":":
            raise ValueError
        take()
        no = ternary()
        return lambda n: yes(n) if condition(n) else no(n)

    def level(depth: int) -> Rule:
        if depth == len(binary):
            return unary()
        left = level(depth + 1)
        while peek() in binary[depth]:
            operator = take()
            right = level(depth + 1)
            left = _combine(operator, left, right)
        return left

    def unary() -> Rule:
        token = take() if index < len(tokens) else ""
        if token == "!":
            inner = unary()
            return lambda n: int(not inner(n))
        if token == "(":
            inner = ternary()
            if (take() if index < len(tokens) else "") != ")":
                raise ValueError
            return inner
        if token == "n":
            return lambda n: n
        if token.isdigit():
            value = int(token)
            return lambda n: value
        raise ValueError

    try:
        tree = ternary()
    except (ValueError, IndexError):
        return None
    return tree if index == len(tokens) else None


def _combine(operator: str, left: Rule, right: Rule) -> Rule:
    operations: dict[str, Rule] = {
        "||": lambda n: int(bool(left(n)) or bool(right(n))),
        "&&": lambda n: int(bool(left(n)) and bool(right(n))),
        "==": lambda n: int(left(n) == right(n)),
        "!=": lambda n: int(left(n) != right(n)),
        "<": lambda n: int(left(n) < right(n)),
        ">": lambda n: int(left(n) > right(n)),
        "<=": lambda n: int(left(n) <= right(n)),
        ">=": lambda n: int(left(n) >= right(n)),
        "+": lambda n: left(n) + right(n),
        "-": lambda n: left(n) - right(n),
        "*": lambda n: left(n) * right(n),
        "/": lambda n: left(n) // right(n),
        "%": lambda n: left(n) % right(n),
    }
    return operations[operator]
