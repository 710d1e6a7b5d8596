"""Errors and warnings: their classes, facts, chains and messages."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import pytest

import cachelib

EXPECTED_CODES = {
    cachelib.UnhashableTypeError: "unhashable-type-error",
    cachelib.UserHashError: "user-hash-error",
    cachelib.InternalHashError: "internal-hash-error",
    cachelib.CacheError: "cache-error",
    cachelib.UnhashableParamError: "unhashable-param-error",
    cachelib.UnserializableReturnValueError: "unserializable-return-value-error",
    cachelib.CachedObjectMutationWarning: "cached-object-mutation-warning",
    cachelib.CachePersistenceWarning: "cache-persistence-warning",
}
_LINK = re.compile(r"https?://\S+#(?P<code>[a-z0-9-]+)$")


def fqn(tp: type) -> str:
    return f"{tp.__module__}.{tp.__qualname__}"


def chain_types(error: Exception) -> list[str]:
    return [line.split(":", 1)[0] for line in error.chain]  # type: ignore[attr-defined]


def flat(text: str) -> str:
    """A message on one line: its words, as wrapping into short lines leaves them."""
    return " ".join(text.split())


def headline(error: BaseException) -> str:
    """The message's first paragraph, on one line."""
    return flat(str(error).split("\n\n")[0])


def assert_ends_with_link_to_its_section(error: BaseException) -> None:
    last_line = str(error).rstrip().splitlines()[-1]
    match = _LINK.search(last_line)
    assert match is not None, last_line
    assert match["code"] == type(error).code  # type: ignore[attr-defined]


class Holder:
    def __init__(self) -> None:
        self.lock = threading.RLock()


# --- classes ----------------------------------------------------------------------------


@pytest.mark.parametrize("cls", EXPECTED_CODES, ids=lambda cls: cls.__name__)
def test_public_error_classes_live_in_cachelib_with_a_stable_code(cls: type) -> None:
    assert cls.__module__ == "cachelib"
    assert getattr(cachelib, cls.__name__) is cls
    assert cls.code == EXPECTED_CODES[cls]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "cls",
    [
        cachelib.UnhashableTypeError,
        cachelib.UserHashError,
        cachelib.InternalHashError,
        cachelib.CacheError,
        cachelib.UnhashableParamError,
        cachelib.UnserializableReturnValueError,
    ],
    ids=lambda cls: cls.__name__,
)
def test_errors_are_exceptions_and_not_warnings(cls: type) -> None:
    assert issubclass(cls, Exception)
    assert not issubclass(cls, Warning)


@pytest.mark.parametrize(
    "cls",
    [cachelib.CachedObjectMutationWarning, cachelib.CachePersistenceWarning],
    ids=lambda cls: cls.__name__,
)
def test_warnings_are_user_warnings(cls: type) -> None:
    assert issubclass(cls, UserWarning)


def test_the_three_hashing_errors_are_distinct_classes() -> None:
    hashing = [cachelib.UnhashableTypeError, cachelib.UserHashError, cachelib.InternalHashError]

    for cls in hashing:
        others = [other for other in hashing if other is not cls]
        assert not any(issubclass(cls, other) for other in others)


# --- UnhashableTypeError ----------------------------------------------------------------


def test_unhashable_argument_facts_and_chain_innermost_first() -> None:
    @cachelib.cache
    def summarize(items):
        return len(items)

    with pytest.raises(cachelib.UnhashableTypeError) as info:
        summarize([{"k": Holder()}])

    error = info.value
    assert error.type_name == "_thread.RLock"
    assert error.func_name == "summarize"
    assert error.where == "arguments"
    types_in_chain = chain_types(error)
    assert types_in_chain[0] == "_thread.RLock"
    holder, outer_dict, outer_list = fqn(Holder), "builtins.dict", "builtins.list"
    position_of_holder = types_in_chain.index(holder)
    position_of_outer_dict = types_in_chain.index(outer_dict, position_of_holder)
    position_of_list = types_in_chain.index(outer_list, position_of_outer_dict)
    assert 0 < position_of_holder < position_of_outer_dict < position_of_list
    assert types_in_chain[-1] in {outer_list, "builtins.tuple"}
    assert "'k'" in error.chain[position_of_outer_dict]


def test_unhashable_message_names_type_function_place_and_fix() -> None:
    @cachelib.cache
    def summarize(items):
        return len(items)

    with pytest.raises(cachelib.UnhashableTypeError) as info:
        summarize([{"k": Holder()}])

    message = flat(str(info.value))
    assert headline(info.value).count("_thread.RLock") == 1
    assert "summarize()" in headline(info.value)
    assert "arguments" in headline(info.value)
    assert 'hash_funcs={"_thread.RLock":' in message  # the fix, with the FQN
    assert "@st.cache(" in message
    for line in info.value.chain:
        assert flat(line) in message
    assert_ends_with_link_to_its_section(info.value)


def test_unhashable_return_value_is_reported_as_such_and_nothing_is_cached() -> None:
    calls = []

    @cachelib.cache
    def make_lock():
        calls.append(1)
        return [threading.RLock()]

    for _ in range(2):
        with pytest.raises(cachelib.UnhashableTypeError) as info:
            make_lock()
        assert info.value.where == "return value"
        assert info.value.func_name == "make_lock"
        assert "return value" in headline(info.value)
        # The fix for a return value: not hash_funcs, but allow_output_mutation.
        assert "@st.cache(allow_output_mutation=True)" in str(info.value)
        assert "hash_funcs" not in str(info.value)
    assert calls == [1, 1]


def test_generator_return_value_is_unhashable() -> None:
    @cachelib.cache
    def numbers():
        yield 1

    with pytest.raises(cachelib.UnhashableTypeError) as info:
        numbers()

    assert info.value.type_name == "builtins.generator"
    assert info.value.where == "return value"


GLOBAL_HOLDER = Holder()


def _uses_global_holder() -> int:
    return id(GLOBAL_HOLDER)


def test_unhashable_body_reference_is_reported_in_the_body() -> None:
    with pytest.raises(cachelib.UnhashableTypeError) as info:
        cachelib.cache(_uses_global_holder)()

    assert info.value.where == "body"
    assert info.value.func_name == "_uses_global_holder"
    assert info.value.type_name == "_thread.RLock"
    assert fqn(Holder) in chain_types(info.value)
    assert "body" in headline(info.value)


def test_unhashable_type_error_with_hash_funcs_fix_from_the_message_works() -> None:
    @cachelib.cache(hash_funcs={"_thread.RLock": id})
    def summarize(items):
        return len(items)

    assert summarize([{"k": Holder()}]) == 1


def test_lambda_name_is_used_for_the_function() -> None:
    cached = cachelib.cache(lambda lock: 1)

    with pytest.raises(cachelib.UnhashableTypeError) as info:
        cached(threading.RLock())

    assert info.value.func_name == "<lambda>"


# --- UserHashError ----------------------------------------------------------------------


def test_user_hash_error_has_the_original_exception_as_cause() -> None:
    original = ValueError("cannot describe this holder")

    def describe_holder(_holder: Holder) -> str:
        raise original

    @cachelib.cache(hash_funcs={Holder: describe_holder})
    def use(holder):
        return 1

    with pytest.raises(cachelib.UserHashError) as info:
        use(Holder())

    error = info.value
    assert error.__cause__ is original
    assert error.func_name == "use"
    assert error.where == "arguments"
    assert error.type_name == fqn(Holder)
    assert chain_types(error)[0] == fqn(Holder)
    message = str(error)
    assert "cannot describe this holder" in message.splitlines()[0]
    assert "describe_holder" in message
    assert_ends_with_link_to_its_section(error)


def test_user_hash_error_in_the_return_value() -> None:
    def failing(_holder: Holder) -> str:
        raise RuntimeError("boom")

    @cachelib.cache(hash_funcs={Holder: failing})
    def make():
        return Holder()

    with pytest.raises(cachelib.UserHashError) as info:
        make()

    assert info.value.where == "return value"
    assert isinstance(info.value.__cause__, RuntimeError)


_NEVER = False


def _broken_reference() -> object:
    if _NEVER:
        return os.no_such_attribute_in_os  # type: ignore[attr-defined]
    return None


def test_user_hash_error_from_the_body_has_the_attribute_error_as_cause() -> None:
    with pytest.raises(cachelib.UserHashError) as info:
        cachelib.cache(_broken_reference)()

    assert isinstance(info.value.__cause__, AttributeError)
    assert info.value.where == "body"
    assert "no_such_attribute_in_os" in headline(info.value)
    assert_ends_with_link_to_its_section(info.value)


# --- InternalHashError ------------------------------------------------------------------


def test_internal_hash_error_for_a_file_whose_path_was_deleted(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    path.write_text("data")

    @cachelib.cache
    def read(handle):
        return handle.read()

    with path.open() as handle:
        path.unlink()
        with pytest.raises(cachelib.InternalHashError) as info:
            read(handle)

    error = info.value
    assert error.type_name == "_io.TextIOWrapper"
    assert error.func_name == "read"
    assert error.where == "arguments"
    assert isinstance(error.__cause__, FileNotFoundError)
    assert chain_types(error)[0] == "_io.TextIOWrapper"
    assert 'hash_funcs={"_io.TextIOWrapper":' in str(error)
    assert_ends_with_link_to_its_section(error)


def test_internal_hash_error_for_a_value_nested_too_deeply() -> None:
    deep: list[object] = []
    for _ in range(100_000):
        deep = [deep]

    @cachelib.cache
    def depth(value):
        return 0

    with pytest.raises(cachelib.InternalHashError) as info:
        depth(deep)

    assert info.value.where == "arguments"
    assert info.value.type_name == "builtins.list"
    assert "nested too deeply" in flat(str(info.value))
    assert_ends_with_link_to_its_section(info.value)


# --- warnings ---------------------------------------------------------------------------


def test_mutation_warning_names_the_function_and_links_to_its_section() -> None:
    @cachelib.cache
    def numbers():
        return [1]

    numbers().append(2)
    with pytest.warns(cachelib.CachedObjectMutationWarning) as record:
        numbers()

    warning = record[0].message
    assert isinstance(warning, cachelib.CachedObjectMutationWarning)
    assert warning.func_name == "numbers"
    assert "numbers()" in str(warning).splitlines()[0]
    assert "allow_output_mutation=True" in str(warning)
    assert_ends_with_link_to_its_section(warning)


def test_cache_error_message_ends_with_its_link() -> None:
    assert_ends_with_link_to_its_section(cachelib.CacheError("could not write"))


def test_persistence_warning_message_ends_with_its_link() -> None:
    assert_ends_with_link_to_its_section(cachelib.CachePersistenceWarning("could not read"))
