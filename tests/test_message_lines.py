"""Messages come in short lines: every error and warning, whatever its facts.

A message is broken between words into lines of at most `WIDTH` characters, and never inside
a fact (a name, a type, a repr, a path, an address) or a line of code: such a token, when it
is longer than a line, stays whole on a line of its own. No word is lost or moved.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cachelib
from cachelib._internal import lines
from cachelib._internal.errors import REGISTRY, CachelibError, docs_link
from cachelib._internal.lines import WIDTH, atom, plain, shown_width, verbatim, wrap

# Any text but the private-use characters that mark facts (repr() escapes them, and no name
# or address holds one): letters, spaces, newlines, punctuation, long runs without a space.
_TEXT = st.characters(exclude_categories=("Cs", "Co"))
words = st.text(_TEXT, max_size=30)
_VISIBLE = st.characters(exclude_categories=("Cs", "Co", "Z", "Cc"))
short_words = st.text(_VISIBLE, min_size=1, max_size=12)
long_tokens = st.text(_VISIBLE, min_size=60)
facts = st.one_of(words, long_tokens, st.text(_TEXT, max_size=200))
names = st.one_of(st.from_regex(r"[A-Za-z_][A-Za-z0-9_.<>]{0,90}", fullmatch=True), facts)
chains = st.lists(st.one_of(facts, st.builds(lambda t, r: f"{t}: {r}", names, facts)), max_size=4)
where = st.one_of(st.sampled_from(["arguments", "body", "return value"]), words)


def _hash_failure(cls: type[Any]) -> st.SearchStrategy[Any]:
    return st.builds(
        lambda t, f, w, c, d: cls(type_name=t, func_name=f, where=w, chain=c, **d),
        names,
        names,
        where,
        chains,
        st.one_of(
            st.fixed_dictionaries({"reason": facts}),
            st.fixed_dictionaries({"reason": facts, "hash_func": names, "hash_func_type": names}),
            st.fixed_dictionaries({"error": facts, "hash_func_name": names}),
            st.fixed_dictionaries(
                {
                    "error": facts,
                    "filename": names,
                    "lineno": st.one_of(st.none(), st.integers()),
                    "source_lines": st.lists(facts, max_size=2),
                    "in_function": st.one_of(st.none(), names),
                }
            ),
        ),
    )


def _message(cls: type[Any]) -> st.SearchStrategy[Any]:
    marked = st.lists(st.one_of(facts, st.builds(atom, facts)), max_size=6).map(" ".join)
    return st.builds(cls, marked)


def _decorator() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(["st.cache_data", "st.cache_resource"]), names)


# One strategy per class of the registry: a new class without one fails the test below.
INSTANCES: dict[type[Any], st.SearchStrategy[Any]] = {
    cachelib.UnhashableTypeError: _hash_failure(cachelib.UnhashableTypeError),
    cachelib.UserHashError: _hash_failure(cachelib.UserHashError),
    cachelib.InternalHashError: _hash_failure(cachelib.InternalHashError),
    cachelib.CacheError: _message(cachelib.CacheError),
    cachelib.CachedObjectMutationWarning: st.builds(
        cachelib.CachedObjectMutationWarning, names, takes_arguments=st.booleans()
    ),
    cachelib.CachePersistenceWarning: _message(cachelib.CachePersistenceWarning),
    cachelib.UnhashableParamError: st.builds(
        cachelib.UnhashableParamError,
        param_name=names,
        type_name=names,
        func_name=names,
        decorator=_decorator(),
        chain=chains,
        reason=facts,
    ),
    cachelib.UnserializableReturnValueError: st.builds(
        cachelib.UnserializableReturnValueError, type_name=names, func_name=names, error=facts
    ),
    cachelib.CachedFunctionReturnedAwaitableError: st.builds(
        cachelib.CachedFunctionReturnedAwaitableError,
        type_name=names,
        func_name=names,
        decorator=_decorator(),
    ),
    cachelib.CachedStFunctionInBackgroundModeWarning: st.builds(
        cachelib.CachedStFunctionInBackgroundModeWarning, func_name=names, decorator=_decorator()
    ),
}


def _atoms(marked: str) -> list[str]:
    """The outermost runs marked by `atom` in a composed message, as they are shown."""
    found: list[str] = []
    depth, start = 0, 0
    for index, char in enumerate(marked):
        if char == lines._OPEN:
            if depth == 0:
                start = index + 1
            depth += 1
        elif char == lines._CLOSE and depth:
            depth -= 1
            if depth == 0:
                found.append(plain(marked[start:index]))
    return found


def _verbatim_lines(marked: str) -> set[str]:
    return {plain(line).rstrip() for line in marked.split("\n") if line.startswith(lines._VERBATIM)}


def _unbreakable(line: str, atoms: list[str]) -> bool:
    """True if ``line`` has no space at which it could be broken: outside its facts, none."""
    rest = line.strip()
    for fact in sorted(atoms, key=len, reverse=True):
        if fact:
            rest = rest.replace(fact, "#")
    return not any(char.isspace() for char in rest)


def _shown_before(obj: Any) -> str:
    cls = type(obj)
    if isinstance(obj, CachelibError):
        return f"{cls.__module__}.{cls.__qualname__}: "
    return f"{cls.__qualname__}: "


def test_every_registered_class_has_a_strategy_of_facts() -> None:
    assert set(INSTANCES) == set(REGISTRY.values())


@pytest.mark.parametrize("cls", list(INSTANCES), ids=lambda cls: cls.__name__)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_message_lines_are_short_unless_one_unbreakable_token(cls: type[Any], data: Any) -> None:
    obj = data.draw(INSTANCES[cls])
    marked = f"{obj._compose()}\n\nMore: {atom(docs_link(obj.code))}"
    shown = str(obj)
    atoms, code = _atoms(marked), _verbatim_lines(marked)

    assert not re.search("[\ue000-\ue002]", shown)  # no mark is left in what is shown
    for number, line in enumerate(shown.split("\n")):
        budget = WIDTH - (len(_shown_before(obj)) if number == 0 else 0)
        if shown_width(line) > budget and line not in code:
            assert _unbreakable(line, atoms), (number, line)
        assert line == line.rstrip()
    # No fact is cut: each one is whole on a line (whitespace in it is shown as one space).
    for fact in atoms:
        assert any(fact in line for line in shown.split("\n")), fact


@pytest.mark.parametrize("cls", list(INSTANCES), ids=lambda cls: cls.__name__)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_wrapping_loses_and_moves_no_word(cls: type[Any], data: Any) -> None:
    obj = data.draw(INSTANCES[cls])
    unwrapped = plain(obj._compose()) + "\n\nMore: " + docs_link(obj.code)

    assert str(obj).split() == unwrapped.split()


# --- the helper itself ---------------------------------------------------------------------


@settings(deadline=None)
@given(st.lists(long_tokens | short_words, max_size=40).map(" ".join), st.integers(0, 40))
def test_wrap_fills_lines_up_to_the_width_and_keeps_every_word(text: str, first: int) -> None:
    shown = wrap(text, first=first)
    rows = shown.split("\n")

    assert shown.split() == text.split()
    for number, row in enumerate(rows):
        budget = WIDTH - (first if number == 0 else 0)
        assert shown_width(row) <= budget or len(row.split()) == 1, row
        if number + 1 < len(rows) and rows[number + 1].split():
            following = rows[number + 1].split()[0]
            # Greedy: the next word would not have fitted on this line.
            assert shown_width(f"{row} {following}") > budget, (row, following)


def test_a_long_address_stays_whole_on_a_line_of_its_own() -> None:
    address = "https://cachelib-kb.github.io/cachelib/errors/#cached-st-function-in-background"
    shown = wrap(f"More: {atom(address)}")

    assert shown == f"More:\n{address}"


@given(st.integers(6, 16), st.integers(0, 2**64 - 1), st.integers(1, 999))
def test_line_breaks_do_not_depend_on_addresses_or_errno_numbers(
    digits: int, value: int, errno: int
) -> None:
    def shown(address: str, errno: int) -> str:
        chain = [f"builtins.dict: {{'lock': <unlocked _thread.RLock object at {address}>}}"] * 3
        text = f"The lock at {address} cannot be hashed. " * 4 + "\n\n" + "\n".join(chain)
        text += f"\n\nFileNotFoundError: [Errno {errno}] No such file or directory: 'a.csv'" * 3
        masked = re.sub(r"0x[0-9a-f]+", "0x…", wrap(text, first=28))
        return re.sub(r"\[Errno \d+\]", "[Errno N]", masked)

    assert shown(f"0x{value % 16**digits:0{digits}x}", errno) == shown("0x7f2460ad6600", 2)


def test_an_errno_breaks_the_line_as_in_the_browser() -> None:
    """Linux says [Errno 2] where Python in the browser says [Errno 44]: same line breaks."""
    linux, browser = (
        wrap(f"FileNotFoundError: [Errno {n}] No such file or directory: 'upload.csv'", first=28)
        for n in (2, 44)
    )

    assert linux.replace("[Errno 2]", "[Errno 44]") == browser


def test_a_fact_with_spaces_is_never_broken() -> None:
    fact = atom("'a repr with several words in it, long enough to end a line'")
    shown = wrap(f"{'word ' * 12}{fact} and more.")

    assert "\n'a repr with several words in it, long enough to end a line' and more." in shown


def test_code_lines_are_kept_as_written_and_items_hang() -> None:
    code = verbatim('    @st.cache(hash_funcs={"' + "x" * 80 + '": id})')
    text = f"Fix:\n\n{code}\n\n- {'one two three ' * 8}"

    shown = wrap(text).split("\n")

    assert shown[2] == plain(code)
    assert shown[4].startswith("- one")
    assert all(row.startswith("  one") for row in shown[5:])


def test_a_traceback_shows_the_first_line_within_the_width() -> None:
    @cachelib.cache
    def describe(lock: object) -> str:
        return "a lock"

    import threading

    with pytest.raises(cachelib.UnhashableTypeError) as caught:
        describe(threading.RLock())
    first_line = f"cachelib.UnhashableTypeError: {str(caught.value).splitlines()[0]}"

    assert len(first_line) <= WIDTH
    assert all(len(row) <= WIDTH for row in str(caught.value).splitlines()[1:] if " " in row)


@settings(deadline=None)
@given(st.text(_TEXT, max_size=120))
def test_option_errors_come_in_short_lines_and_keep_the_value_whole(value: str) -> None:
    try:
        cachelib.cache_data(ttl=value)
    except ValueError as error:
        shown = str(error)
    else:
        return
    atoms = [" ".join(repr(value).split())]
    for number, row in enumerate(shown.split("\n")):
        budget = WIDTH - (len("ValueError: ") if number == 0 else 0)
        assert shown_width(row) <= budget or _unbreakable(row, atoms), row
    assert any(atoms[0] in row for row in shown.split("\n"))
