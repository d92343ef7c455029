"""Exit codes and one-line messages of the CLI: 0 ok, 1 the user's mistake, 2 our bug."""
import pytest

from support import EXAMPLE, run_cli


def bad_issue(tmp_path, toml='[masthead]\npaper = "报"\ndate = 2023-01-19\n', article=None):
    folder = tmp_path / "issue"
    (folder / "articles").mkdir(parents=True)
    (folder / "issue.toml").write_text(toml, encoding="utf-8")
    (folder / "articles" / "a1.md").write_text(article or '+++\npage = 1\ntitle = "题"\n+++\n\n文。\n',
                                               encoding="utf-8")
    return folder


def test_dump_ok_exits_0():
    assert run_cli("dump", EXAMPLE, "--json").code == 0


def test_malformed_issue_toml_gives_file_line_and_exit_1(tmp_path):
    folder = bad_issue(tmp_path, toml='[masthead]\npaper = "报"\ndate = 2023-01-19\nserial = x\n')
    result = run_cli("dump", folder, "--json")
    assert result.code == 1
    assert result.err.strip() == (f"{folder}/issue.toml:4: expected valid TOML, found a syntax error: "
                                  "Invalid value (column 10)")
    assert "Traceback" not in result.err


def test_malformed_article_gives_file_line_and_exit_1(tmp_path):
    folder = bad_issue(tmp_path, article='+++\npage = "one"\ntitle = "题"\n+++\n\n文。\n')
    result = run_cli("dump", folder)
    assert result.code == 1
    assert result.err.strip() == f'{folder}/articles/a1.md:2: page: expected an integer, found "one"'


def test_missing_source_is_a_user_error(tmp_path):
    result = run_cli("dump", tmp_path / "nothing")
    assert result.code == 1 and "does not exist" in result.err and "Traceback" not in result.err


def test_unknown_option_is_a_user_error():
    result = run_cli("build", EXAMPLE, "--format", "docx")
    assert result.code == 1 and "docx" in result.err


def test_internal_error_exits_2(monkeypatch, capsys):
    import publish.readers
    from publish.cli import main

    def broken(source):
        raise RuntimeError("boom")
    monkeypatch.setattr(publish.readers, "load_issue", broken)
    with pytest.raises(SystemExit) as done:
        main(["dump", str(EXAMPLE)])
    assert done.value.code == 2
    assert "internal error: RuntimeError: boom" in capsys.readouterr().err


def test_a_full_disk_anywhere_is_exit_1(monkeypatch, capsys):
    import errno

    import publish.readers
    from publish.cli import main

    def full(source):
        raise OSError(errno.ENOSPC, "No space left on device", "/some/where")
    monkeypatch.setattr(publish.readers, "load_issue", full)
    with pytest.raises(SystemExit) as done:
        main(["dump", str(EXAMPLE)])
    assert done.value.code == 1
    assert capsys.readouterr().err.strip() == ("publish: /some/where: no space left on the device "
                                               "(the outputs were not written)")


@pytest.mark.parametrize("width", ["nan", "inf", "-1", "0.5", "1e308", "1001"])
def test_typeset_refuses_a_measure_out_of_range(width):
    result = run_cli("typeset", "--width", width, "测试")
    assert result.code == 1 and "expected a measure from 1 to 1000 em" in result.err
    assert "Traceback" not in result.err


def test_typeset_takes_a_measure_in_range():
    result = run_cli("typeset", "--width", "13", "测试文字。")
    assert result.code == 0 and result.out.startswith("measure 13 em")
