"""`geokit figure`: writes each format, lists the figures, fails with one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_plots_article import make_mini_article

from geokit.cli import main
from geokit.plots._registry import FIGURES

MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".pdf": b"%PDF-"}


def test_list_names_every_figure(capsys):
    assert main(["figure", "--list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out] == list(FIGURES)
    assert all(len(line.split(None, 1)[1]) > 20 for line in out)


@pytest.mark.parametrize("ext", [".png", ".svg", ".pdf"])
def test_writes_each_format(ext, tmp_path, capsys):
    out = tmp_path / f"timeline{ext}"
    assert main(["figure", "timeline", "-o", str(out)]) == 0
    data = out.read_bytes()
    if ext == ".svg":
        assert data.lstrip().startswith(b"<?xml")
        assert b"<svg" in data[:2000]
    else:
        assert data.startswith(MAGIC[ext])
    assert capsys.readouterr().out.strip() == str(out)


@pytest.mark.parametrize("name", list(FIGURES))
def test_every_figure_for_an_own_article(name, tmp_path, capsys):
    folder = make_mini_article(tmp_path)
    out = tmp_path / f"{name}.svg"
    assert main(["figure", name, "--article", str(folder), "-o", str(out), "--alt"]) == 0
    printed = capsys.readouterr().out
    assert "A small test article" in printed  # the alt text
    assert "<svg" in out.read_text()


def test_same_command_same_bytes(tmp_path):
    a, b = tmp_path / "a.svg", tmp_path / "b.svg"
    assert main(["figure", "network", "-o", str(a)]) == 0
    assert main(["figure", "network", "-o", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()


def test_size_for_a_projector(tmp_path):
    import matplotlib.image

    out = tmp_path / "map.png"
    assert main(["figure", "map", "--size", "10.24x7.68", "-o", str(out)]) == 0
    assert matplotlib.image.imread(out).shape[:2] == (768, 1024)


@pytest.mark.parametrize(("argv", "code", "message"), [
    (["figure", "nope", "-o", "x.png"], 2, "unknown figure 'nope'; choose one of: network"),
    (["figure", "map", "-o", "x.gif"], 2, "must end in .png, .svg or .pdf"),
    (["figure", "map"], 2, "say where to write it"),
    (["figure"], 2, "name a figure"),
    (["figure", "map", "--article", "no-such-article", "-o", "x.png"], 1,
     "unknown article id"),
])
def test_errors_are_one_clear_line(argv, code, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == code
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert err.startswith("geokit figure:")
    assert message in err
    assert not (tmp_path / "x.png").exists()


def test_bad_size_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["figure", "map", "--size", "big", "-o", "x.png"])
    assert exc.value.code == 2
    assert "WIDTHxHEIGHT" in capsys.readouterr().err


def test_help_helps(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["figure", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for word in ("--list", "--article", "-o", "--size", "examples:", *FIGURES):
        assert word in out


def test_missing_folder_is_reported(tmp_path, capsys):
    out = tmp_path / "no" / "such" / "x.png"
    assert main(["figure", "map", "-o", str(out)]) == 1
    assert "no such folder" in capsys.readouterr().err
    assert not Path(out).exists()


@pytest.mark.parametrize("dpi", ["-5", "100000", "lots"])
def test_bad_dpi_is_a_usage_error(capsys, dpi):
    with pytest.raises(SystemExit) as info:
        main(["figure", "map", "--dpi", dpi, "-o", "x.png"])
    assert info.value.code == 2
    assert "dots per inch" in capsys.readouterr().err
