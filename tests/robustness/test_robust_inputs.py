"""Bad inputs through the CLI: each gets one clear stderr line, the exit code
says whether some input failed, and every other input is still written."""

import bz2
import codecs
import gzip
import lzma

import pytest
from robust_helpers import GOOD, GOOD_EXPECTED, PROSE, assert_one_clear_line, run, stderr_lines

from cleaner.inputs import InputError, Source, decode, expand_sources


def clean_into(tmp_path, *inputs, options=()):
    """Clean the inputs plus the good seed into a folder; return the result and the folder."""
    out = tmp_path / "out"
    done = run("clean", *inputs, GOOD, "-o", out, *options)
    assert_one_clear_line(done)
    assert (out / GOOD.name).read_text(encoding="utf-8") == GOOD_EXPECTED, "the good input was lost"
    return done, out


# --- encodings ----------------------------------------------------------------

@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_legacy_encoding_is_detected_with_a_note(tmp_path, codec):
    page = tmp_path / "page.txt"
    text = PROSE.replace("a déclaré", "a déclaré « très clairement »") + "\n"
    page.write_bytes(text.encode(codec))
    done, out = clean_into(tmp_path, page)
    assert done.returncode == 0
    assert stderr_lines(done) == [
        "newsclean: page.txt: not UTF-8, read as cp1252 (detected; --encoding forces one)"
    ]
    assert (out / "page.txt").read_text(encoding="utf-8") == text


def test_windows_1252_quotes_and_dashes(tmp_path):
    page = tmp_path / "quotes.txt"
    text = ("The minister said “the talks would resume” — after the summer break… "
            "Officials weren’t available for comment, the agency said on Monday.\n")
    page.write_bytes(text.encode("cp1252"))
    done, out = clean_into(tmp_path, page)
    assert done.returncode == 0 and "quotes.txt: not UTF-8, read as cp1252" in done.stderr
    assert (out / "quotes.txt").read_text(encoding="utf-8") == text


ASCII = "The minister said on Monday that the talks would resume after the summer break.\n"


def test_forced_encoding_applies_to_every_input_without_a_note(tmp_path):
    page, other = tmp_path / "page.txt", tmp_path / "other.txt"
    page.write_bytes((PROSE + "\n").encode("latin-1"))
    other.write_text(ASCII, encoding="ascii")
    done = run("clean", page, other, "-o", tmp_path / "out", "--encoding", "latin-1")
    assert done.returncode == 0 and stderr_lines(done) == []
    assert (tmp_path / "out" / "page.txt").read_text(encoding="utf-8") == PROSE + "\n"
    assert (tmp_path / "out" / "other.txt").read_text(encoding="utf-8") == ASCII


def test_forced_encoding_that_does_not_fit_fails_that_input_only(tmp_path):
    page = tmp_path / "page.txt"
    page.write_bytes((PROSE + "\n").encode("latin-1"))
    done, out = clean_into(tmp_path, page, options=["--encoding", "utf-8"])
    assert done.returncode == 1
    assert stderr_lines(done) == ["newsclean: error: page.txt: not valid utf-8 (byte 24)"]
    assert not (out / "page.txt").exists()


@pytest.mark.parametrize("name", ["klingon", "rot13"])
def test_unknown_encoding_is_a_usage_error(name):
    done = run("clean", GOOD, "--encoding", name)
    assert done.returncode == 2 and done.stdout == ""
    assert_one_clear_line(done)
    assert len(stderr_lines(done)) == 1 and name in done.stderr


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-le", "utf-32"])
def test_unicode_with_or_without_byte_order_mark(tmp_path, codec):
    page = tmp_path / "page.txt"
    page.write_bytes((PROSE + "\n").encode(codec))
    done, out = clean_into(tmp_path, page)
    assert done.returncode == 0
    assert (out / "page.txt").read_text(encoding="utf-8") == PROSE + "\n"
    if codec != "utf-8-sig":
        assert len(stderr_lines(done)) == 1 and "page.txt: not UTF-8, read as utf-" in done.stderr


def test_stdin_in_another_encoding():
    done = run("clean", stdin=(PROSE + "\n").encode("cp1252"))
    assert done.returncode == 0 and done.stdout == PROSE + "\n"
    assert stderr_lines(done) == [("newsclean: -: not UTF-8, read as cp1252 (detected; "
                                   "--encoding forces one)")]


# --- binary input ----------------------------------------------------------------

BINARIES = {
    "png": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary file (PNG image), skipped"),
    "pdf": (b"%PDF-1.7\n" + PROSE.encode() * 4, "binary file (PDF document), skipped"),
    "gzip-as-txt": (gzip.compress(PROSE.encode()), "binary file (gzip data; name it .gz to read it), skipped"),
    "nul-heavy": (b"\x00\x01\x02\x03" * 4000 + PROSE.encode(), "binary file (mostly NUL or control bytes), skipped"),
    "zeros": (bytes(100_000), "binary file (mostly NUL or control bytes), skipped"),
}


@pytest.mark.parametrize("kind", BINARIES)
def test_binary_input_is_refused_in_one_line(tmp_path, kind):
    data, message = BINARIES[kind]
    page = tmp_path / f"{kind}.txt"
    page.write_bytes(data)
    done, out = clean_into(tmp_path, page)
    assert done.returncode == 1
    assert stderr_lines(done) == [f"newsclean: error: {kind}.txt: {message}"]
    assert not (out / page.name).exists()


def test_random_bytes_are_refused(tmp_path):
    import random

    page = tmp_path / "noise.txt"
    page.write_bytes(random.Random(5).randbytes(50_000))
    done, _out = clean_into(tmp_path, page)
    assert done.returncode == 1 and len(stderr_lines(done)) == 1
    assert stderr_lines(done)[0].startswith("newsclean: error: noise.txt: ")


def test_binary_on_stdin_is_refused():
    done = run("clean", stdin=b"\x7fELF" + bytes(5000))
    assert done.returncode == 1 and done.stdout == ""
    assert stderr_lines(done) == ["newsclean: error: -: binary file (ELF executable), skipped"]


def test_stray_nul_and_control_characters_are_cleaned(tmp_path):
    page = tmp_path / "controls.txt"
    text = ("Menu\x00\n" + PROSE.replace("lundi", "lun\x00di") + "\x07\x1b[0m\n"
            + "\x0c\x1e\x85\u2028Comments\n" + "\x00" * 3 + "\n")
    page.write_text(text, encoding="utf-8")
    done, out = clean_into(tmp_path, page)
    assert done.returncode == 0, done.stderr
    cleaned = (out / "controls.txt").read_text(encoding="utf-8")
    assert "lun\x00di" in cleaned


# --- compressed input -------------------------------------------------------------

COMPRESSORS = {".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress}


@pytest.mark.parametrize("suffix", COMPRESSORS)
def test_compressed_inputs_are_read_and_written_uncompressed(tmp_path, suffix):
    folder = tmp_path / "dumps"
    folder.mkdir()
    (folder / f"page.txt{suffix}").write_bytes(COMPRESSORS[suffix]((PROSE + "\n").encode()))
    (folder / "other.txt").write_text(PROSE + "\n", encoding="utf-8")
    done, out = clean_into(tmp_path, folder)
    assert done.returncode == 0 and stderr_lines(done) == []
    assert (out / "page.txt").read_text(encoding="utf-8") == PROSE + "\n"
    assert (out / "other.txt").read_text(encoding="utf-8") == PROSE + "\n"
    assert not (out / f"page.txt{suffix}").exists()


@pytest.mark.parametrize("suffix", COMPRESSORS)
def test_truncated_compressed_input_fails_alone(tmp_path, suffix):
    page = tmp_path / f"cut.txt{suffix}"
    page.write_bytes(COMPRESSORS[suffix]((PROSE * 50).encode())[:-20])
    done, out = clean_into(tmp_path, page)
    assert done.returncode == 1 and len(stderr_lines(done)) == 1
    kind = suffix.lstrip(".")
    assert stderr_lines(done)[0].startswith(
        f"newsclean: error: cut.txt{suffix}: corrupt or truncated {kind} data")
    assert not (out / "cut.txt").exists()


def test_compressed_cp1252_gets_a_note(tmp_path):
    page = tmp_path / "old.txt.gz"
    page.write_bytes(gzip.compress((PROSE + "\n").encode("cp1252")))
    done = run("clean", page)
    assert done.returncode == 0 and done.stdout == PROSE + "\n"
    assert "old.txt.gz: not UTF-8, read as cp1252" in done.stderr


# --- library level ------------------------------------------------------------------

def test_decode_never_raises_anything_but_input_error():
    samples = [b"", b"\xff", b"\xfe\xff\x00", codecs.BOM_UTF16_LE + b"\x00\xd8", b"\x00" * 7,
               b"BZh91AY&SY", "ä".encode("utf-16-le") * 3]
    for data in samples:
        try:
            assert isinstance(decode(data, "x"), str)
        except InputError as error:
            assert str(error).startswith("x: ") and "\n" not in str(error)


def test_folder_expansion_includes_compressed_text_only(tmp_path):
    for name in ("a.txt", "b.txt.gz", "c.txt.bz2", "d.txt.xz", "e.gz", "f.csv"):
        (tmp_path / name).write_bytes(b"")
    sources, errors = expand_sources([str(tmp_path)])
    assert [s.name for s in sources] == ["a.txt", "b.txt.gz", "c.txt.bz2", "d.txt.xz"]
    assert [s.output_name for s in sources] == ["a.txt", "b.txt", "c.txt", "d.txt"]
    assert errors == [] and Source("-", None).output_name == "-"


def test_a_file_name_with_a_newline_still_gives_one_line(tmp_path):
    page = tmp_path / "bad\nname.txt"
    page.write_bytes(b"\x89PNG\r\n\x1a\n")
    done, _out = clean_into(tmp_path, page)
    assert done.returncode == 1
    assert stderr_lines(done) == [
        "newsclean: error: bad\\nname.txt: binary file (PNG image), skipped"]


@pytest.mark.parametrize("where", ["stray byte", "cut at the end"])
def test_utf8_with_a_broken_sequence_is_kept_as_utf8(tmp_path, where):
    """One bad byte must not make the whole page a cp1252 guess (garbling
    every other accent) nor cost the page: broken sequences become U+FFFD."""
    page = tmp_path / "broken.txt"
    good = (PROSE + "\n").encode("utf-8")
    data = good[:40] + b"\xff" + good[40:] if where == "stray byte" else good + b"\xc3"
    page.write_bytes(data)
    done, out = clean_into(tmp_path, page)
    assert done.returncode == 0
    (line,) = stderr_lines(done)
    assert line.startswith("newsclean: broken.txt: not valid UTF-8, read as UTF-8 with 1 broken "
                           "sequence from byte ")
    cleaned = (out / "broken.txt").read_text(encoding="utf-8")
    if where == "stray byte":
        assert cleaned == data.decode("utf-8", errors="replace")
    else:  # the lone U+FFFD on the last line is debris
        assert cleaned == PROSE + "\n"


@pytest.mark.parametrize("suffix", COMPRESSORS)
def test_a_compression_bomb_is_refused(tmp_path, monkeypatch, suffix):
    from cleaner import inputs

    monkeypatch.setattr(inputs, "MAX_DECOMPRESSED_BYTES", 10_000)
    bomb = tmp_path / f"bomb.txt{suffix}"
    bomb.write_bytes(COMPRESSORS[suffix](b" " * 10_001))
    with pytest.raises(InputError, match=rf"^bomb\.txt{suffix}: decompresses to more than"):
        inputs.read_source(Source(bomb.name, bomb))
    bomb.write_bytes(COMPRESSORS[suffix](b"x" * 10_000))
    assert inputs.read_source(Source(bomb.name, bomb)) == "x" * 10_000
