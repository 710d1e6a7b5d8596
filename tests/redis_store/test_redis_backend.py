"""cache_data over a real Redis: sharing, ttl, max_entries, clear scope, signing, wiring."""

from __future__ import annotations

import pickle
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest
import redis
from redis_helpers import finish, runs, start_worker

import cachelib as st
from cachelib._internal.backends import redis as backend
from tools.redis_server import RedisServer


def forget_memory(func: object) -> None:
    """Empty this process's copy, as a new replica would start: the store still has it."""
    state = func.__cachelib_state__  # type: ignore[attr-defined]
    state.store.clear()


def client(server: RedisServer) -> redis.Redis:
    return redis.Redis.from_url(server.url)


def entry_keys(server: RedisServer) -> list[bytes]:
    return sorted(
        k for k in client(server).keys("cachelib:*") if not k.endswith((b"#lru", b"#lock"))
    )


def test_a_value_computed_once_is_read_back_from_the_store(redis_server: RedisServer) -> None:
    calls: list[int] = []

    @st.cache_data(persist=redis_server.url)
    def square(n: int) -> int:
        calls.append(n)
        return n * n

    assert square(4) == 16
    forget_memory(square)
    assert square(4) == 16
    assert calls == [4]
    (key,) = entry_keys(redis_server)
    assert key.startswith(b"cachelib:{")
    assert b"}-" in key


def test_an_entry_is_one_signed_key_and_the_payload_is_the_pickle(
    redis_server: RedisServer,
) -> None:
    @st.cache_data(persist=redis_server.url)
    def rows() -> list[int]:
        return [1, 2, 3]

    rows()
    (key,) = entry_keys(redis_server)
    raw = client(redis_server).get(key)
    assert raw is not None
    assert raw.startswith(b"cachelib-entry/1\n")
    value, _ = pickle.loads(raw[len(b"cachelib-entry/1\n") + 32 :])
    assert value == [1, 2, 3]


def test_ttl_is_the_key_expiry_on_the_server(redis_server: RedisServer) -> None:
    @st.cache_data(persist=redis_server.url, ttl="1h")
    def hourly() -> str:
        return "x"

    hourly()
    (key,) = entry_keys(redis_server)
    assert 3_590_000 < client(redis_server).pttl(key) <= 3_600_000


def test_an_expired_entry_is_gone_from_the_store_and_computed_again(
    redis_server: RedisServer,
) -> None:
    calls: list[int] = []

    @st.cache_data(persist=redis_server.url, ttl=0.3)
    def brief() -> int:
        calls.append(1)
        return len(calls)

    assert brief() == 1
    time.sleep(0.5)
    assert entry_keys(redis_server) == []
    forget_memory(brief)
    assert brief() == 2


def test_no_ttl_means_no_expiry(redis_server: RedisServer) -> None:
    @st.cache_data(persist=redis_server.url)
    def forever() -> int:
        return 1

    forever()
    (key,) = entry_keys(redis_server)
    assert client(redis_server).pttl(key) == -1


def test_cachelib_storage_redirects_persist_disk_with_its_ttl(
    redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CACHELIB_STORAGE", redis_server.url)

    @st.cache_data(persist="disk", ttl=60)
    def report() -> str:
        return "shared"

    assert report() == "shared"
    (key,) = entry_keys(redis_server)
    assert 0 < client(redis_server).pttl(key) <= 60_000
    assert not (tmp_path / "cachelib-cache" / "data").exists()  # nothing went to disk


def test_a_malformed_cachelib_storage_is_refused_when_decorating(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CACHELIB_STORAGE", "redis://host:port/0")
    with pytest.raises(ValueError, match="CACHELIB_STORAGE"):
        st.cache_data(persist="disk")(lambda: 1)


def test_max_entries_holds_per_function_in_least_recently_used_order(
    redis_server: RedisServer,
) -> None:
    calls: list[str] = []

    @st.cache_data(persist=redis_server.url, max_entries=2)
    def item(name: str) -> str:
        calls.append(name)
        return name.upper()

    item("a")
    item("b")
    forget_memory(item)
    item("a")  # read from the store: "a" is now the most recently used
    item("c")  # evicts "b", the least recently used
    assert len(entry_keys(redis_server)) == 2
    forget_memory(item)
    assert [item("a"), item("c")] == ["A", "C"]
    assert calls == ["a", "b", "c"]
    item("b")
    assert calls == ["a", "b", "c", "b"]


def test_max_entries_evicts_the_least_recently_used_entry_across_processes(
    redis_server: RedisServer, tmp_path: Path
) -> None:
    log = tmp_path / "runs"
    common = ("--url", redis_server.url, "--runs", str(log), "--max-entries", "2")
    finish(start_worker(*common, "--keys", "a,b", cwd=tmp_path))
    finish(start_worker(*common, "--keys", "a,c", cwd=tmp_path))  # a: hit; c evicts b
    assert runs(log) == ["a", "b", "c"]
    finish(start_worker(*common, "--keys", "a,c,b", cwd=tmp_path))  # b computed again
    assert runs(log) == ["a", "b", "c", "b"]


def test_f_clear_removes_that_function_only_and_cache_data_clear_only_cachelib_keys(
    redis_server: RedisServer,
) -> None:
    raw = client(redis_server)
    raw.set("app:session:42", "keep me")
    raw.set("cachelibrary", "keep me too")

    @st.cache_data(persist=redis_server.url, max_entries=10)
    def first(n: int) -> int:
        return n

    @st.cache_data(persist=redis_server.url)
    def second(n: int) -> int:
        return -n

    for n in range(3):
        first(n)
        second(n)
    assert len(entry_keys(redis_server)) == 6

    first.clear(1)
    assert len(entry_keys(redis_server)) == 5
    first.clear()
    assert len(entry_keys(redis_server)) == 3
    assert raw.keys("*#lru") == []
    st.cache_data.clear()
    assert raw.keys("cachelib:*") == []
    assert raw.get("app:session:42") == b"keep me"
    assert raw.get("cachelibrary") == b"keep me too"


def test_cache_data_clear_reaches_cachelib_storage_in_a_fresh_process(
    redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = client(redis_server)
    raw.set("cachelib:{00}-11", b"an entry of another replica")
    raw.set("other", b"x")
    monkeypatch.setenv("CACHELIB_STORAGE", redis_server.url)
    st.cache_data.clear()
    assert raw.keys("*") == [b"other"]


def test_a_lock_held_by_a_running_computation_survives_clear(redis_server: RedisServer) -> None:
    raw = client(redis_server)
    raw.set("cachelib:{ab}-cd#lock", "token", px=10_000)
    st.cache_data.clear()
    assert raw.get("cachelib:{ab}-cd#lock") == b"token"


def poisoned_pickle(marker: Path) -> bytes:
    """A pickle whose loading creates `marker`: proof that something unpickled it."""

    class Boom:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (marker.touch, ())  # type: ignore[return-value]

    return pickle.dumps((Boom(), ()))


@pytest.mark.parametrize("kind", ["unsigned", "tampered", "foreign"])
def test_an_entry_not_signed_with_our_secret_is_never_unpickled(
    redis_server: RedisServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    calls: list[int] = []

    @st.cache_data(persist=redis_server.url)
    def value() -> str:
        calls.append(1)
        return "computed"

    value()
    (key,) = entry_keys(redis_server)
    raw = client(redis_server)
    marker = tmp_path / "unpickled"
    bad = poisoned_pickle(marker)
    if kind == "unsigned":
        raw.set(key, bad)
    elif kind == "tampered":
        stored = raw.get(key)
        assert stored is not None
        raw.set(key, stored[: len(b"cachelib-entry/1\n") + 32] + bad)
    else:  # signed, but with another secret
        from cachelib._internal import entries

        raw.set(key, b"".join(entries.seal(b"another-secret-" * 4, key.decode(), bad)))
    forget_memory(value)

    with pytest.warns(st.CachePersistenceWarning, match="was not loaded") as caught:
        assert value() == "computed"
    assert not marker.exists()
    assert calls == [1, 1]
    assert len(caught) == 1
    assert b"computed" in (raw.get(key) or b"")  # rewritten with our signature
    forget_memory(value)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert value() == "computed"
    assert calls == [1, 1]


@pytest.mark.parametrize(("secret", "found"), [(None, "it is not set"), ("x" * 31, "only 31")])
def test_a_missing_or_short_secret_raises_cache_error_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, secret: str | None, found: str
) -> None:
    if secret is None:
        monkeypatch.delenv("CACHELIB_SECRET")
    else:
        monkeypatch.setenv("CACHELIB_SECRET", secret)
    calls: list[int] = []

    @st.cache_data(persist="redis://user:hunter2-password@127.0.0.1:1/0")
    def value() -> int:
        calls.append(1)
        return 1

    for _ in range(2):  # every call, until the variable is set
        with pytest.raises(st.CacheError, match="CACHELIB_SECRET") as raised:
            value()
        assert found in str(raised.value)
        assert "hunter2" not in str(raised.value)
        assert str(raised.value).rstrip().endswith("errors/#cache-error")
    assert calls == []


@pytest.mark.parametrize(
    "url", ["redis://localhost:port/0", "redis://localhost:6379/zero", "redis+x://localhost/0"]
)
def test_a_malformed_url_is_refused_when_decorating(url: str) -> None:
    with pytest.raises(ValueError, match="persist"):
        st.cache_data(persist=url)


def test_cache_resource_stays_in_process() -> None:
    with pytest.raises(TypeError, match="persist"):
        st.cache_resource(persist="redis://localhost:6379/0")  # type: ignore[call-arg]


def test_import_cachelib_never_imports_redis() -> None:
    code = (
        "import sys, cachelib as st\n"
        "st.cache_data(persist='disk')(lambda: 1)\n"
        "st.cache_data.clear()\n"
        "assert 'redis' not in sys.modules, 'imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_without_redis_py_decorating_says_which_extra_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "redis", None)
    with pytest.raises(ModuleNotFoundError, match=r"cachelib-reference\[redis\]"):
        st.cache_data(persist="redis://localhost:6379/0")(lambda: 1)


def test_a_value_above_the_size_limit_is_kept_in_memory_with_a_warning(
    redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backend, "MAX_VALUE_BYTES", 1000)

    @st.cache_data(persist=redis_server.url)
    def big() -> bytes:
        return b"x" * 5000

    with pytest.warns(st.CachePersistenceWarning, match="takes values up to"):
        assert big() == b"x" * 5000
    assert entry_keys(redis_server) == []
    assert big() == b"x" * 5000  # a memory hit: no warning


def test_a_large_value_round_trips(redis_server: RedisServer) -> None:
    @st.cache_data(persist=redis_server.url)
    def blob(n: int) -> bytes:
        return bytes(range(256)) * n

    assert blob(40_000) == bytes(range(256)) * 40_000  # 10 MB
    forget_memory(blob)
    assert blob(40_000) == bytes(range(256)) * 40_000


def test_password_never_appears_in_warnings(redis_binary: str) -> None:
    with RedisServer(redis_binary, options=("--requirepass", "hunter2-password")) as server:
        url = f"redis://default:wrong-password@127.0.0.1:{server.port}/0"

        @st.cache_data(persist=url)
        def value() -> int:
            return 1

        with pytest.warns(st.CachePersistenceWarning) as caught:
            assert value() == 1
        text = "\n".join(str(w.message) for w in caught)
        assert "wrong-password" not in text
        assert "***" in text
