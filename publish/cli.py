"""The command line. Thin on purpose: every command calls one function of the package.

Exit codes: 0 done, 1 the user's input or request was wrong (one clear line per
problem on stderr), 2 an internal error (a bug of ours).
"""
from __future__ import annotations

import json
import math
import os
import sys
import traceback
from pathlib import Path

import click

from .errors import Problem, PublishError


def _say(message: str) -> None:
    click.echo(f"publish: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="publish")
def cli() -> None:
    """Turn one issue of a Chinese daily newspaper into an EPUB and a broadsheet PDF."""


@cli.command()
@click.argument("source", type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print the issue model as JSON.")
def dump(source: str, as_json: bool) -> None:
    """Print the issue model read from SOURCE (an issue folder or raw text)."""
    from .dump import issue_json
    from .readers import load_issue

    loaded = load_issue(source)
    for warning in loaded.warnings:
        _say(f"warning: {warning}")
    data = issue_json(loaded.issue)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    m = data["masthead"]
    click.echo(f"{m['paper']} {m['date']} {m['weekday']} 总第{m['serial']}期 今日{m['page_count']}版")
    for page in data["pages"]:
        click.echo(f"第{page['number']}版 {page['name'] or ''}".rstrip())
        for article in page["articles"]:
            extra = f"  -> 第{article['teaser']['page']}版" if article["teaser"] else ""
            click.echo(f"  {article['id']}: {article['title']} "
                       f"({sum(map(len, article['paragraphs']))} 字){extra}")


@cli.command()
@click.argument("source", type=click.Path(exists=True))
@click.option("-o", "--outdir", type=click.Path(file_okay=False), default="out", show_default=True,
              help="Folder for the outputs and the report.")
@click.option("--format", "fmt", type=click.Choice(["epub", "pdf", "html", "all"]), default="all",
              show_default=True, help="What to build.")
@click.option("--vertical", is_flag=True, help="EPUB: vertical writing (竖排), right to left.")
@click.option("--no-fonts", is_flag=True, help="EPUB: do not embed fonts.")
@click.option("--strict", is_flag=True, help="Exit 1 when the build warns (a page left short, a fallback font…).")
def build(source: str, outdir: str, fmt: str, vertical: bool, no_fonts: bool, strict: bool) -> None:
    """Build SOURCE into OUTDIR/<paper>-<date>.epub / .pdf and .report.json."""
    from .build import BuildOptions, build as run_build
    from .writers import available_formats

    formats = tuple(available_formats()) if fmt == "all" else (fmt,)
    if not formats:
        raise PublishError("no output format has a writer yet")
    options = BuildOptions(formats=formats, vertical=vertical, embed_fonts=not no_fonts, strict=strict)
    run_build(source, outdir, options, progress=_say)


@cli.command(name="import")
@click.argument("raw", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--outdir", "issue_dir", type=click.Path(file_okay=False), required=True,
              help="The issue folder to create.")
@click.option("--force", is_flag=True, help="Replace ISSUE_DIR if this tool wrote it before.")
@click.option("--page", "pages", multiple=True, metavar="N:NAME",
              help="Number and name of a page, in the order of RAW (e.g. --page 2:综合); repeatable.")
def import_(raw: tuple[str, ...], issue_dir: str, force: bool, pages: tuple[str, ...]) -> None:
    """Import RAW extracted text into a structured issue folder, with an import report.

    RAW is one page's text, several pages of one day (in page order), or a folder
    holding them."""
    from .importing import write_import
    from .readers.raw import import_raw, parse_page_options

    for path in raw:
        if Path(issue_dir).resolve() in [Path(path).resolve(), *Path(path).resolve().parents]:
            raise PublishError(f"{issue_dir}: holds the raw file {path}: choose another folder for the issue")
    result = import_raw([Path(path) for path in raw], parse_page_options(pages))
    write_import(result, Path(issue_dir), replace=force)
    for line in result.summary:
        _say(line)
    _say(f"wrote {issue_dir}")


@cli.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--outdir", type=click.Path(file_okay=False), required=True,
              help="Folder for every issue's outputs, batch-report.json/.csv and index.html.")
@click.option("--format", "fmt", type=click.Choice(["epub", "pdf", "html", "all"]), default="all",
              show_default=True, help="What to build of each issue.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes of the local cluster (default: one per core).")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="A running Dask scheduler (tcp://HOST:8786) instead of a local cluster.")
@click.option("--force", is_flag=True, help="Rebuild issues whose outputs are up to date.")
@click.option("--quiet", is_flag=True, help="Log lines instead of a progress bar.")
def batch(sources: tuple[str, ...], outdir: str, fmt: str, workers: int | None, scheduler: str | None,
          force: bool, quiet: bool) -> None:
    """Build many issues (folders, raw files, or folders holding them) on Dask."""
    from .batch import BatchOptions, run_batch

    options = BatchOptions(formats=fmt, workers=workers, scheduler=scheduler, force=force, quiet=quiet)
    if not run_batch([Path(s) for s in sources], Path(outdir), options, progress=_say):
        sys.exit(1)     # the failed issues were named as they failed, and are in the batch report


@cli.command()
@click.argument("source", type=click.Path(exists=True))
def fonts(source: str) -> None:
    """List the fonts in use and any character of SOURCE that no font covers."""
    from .build import character_places
    from .fonts import coverage_report, uncovered
    from .readers import load_issue

    loaded = load_issue(source)
    ok, lines = coverage_report(loaded.issue)
    for line in lines:
        click.echo(line)
    if not ok:
        missing = {u.char: tuple(u.where) for u in uncovered(loaded.issue) if not u.printable}
        for file, number, char in character_places(loaded.issue, source, loaded.root, missing):
            click.echo(str(Problem(file, number, f"no font has {char} (U+{ord(char):04X})")), err=True)
        sys.exit(1)


#: The measures `publish typeset` takes, in em (a broadsheet's whole type area is 111 em).
WIDTHS = (1.0, 1000.0)


def _measure(ctx: click.Context, param: click.Parameter, value: float) -> float:
    if not math.isfinite(value) or not WIDTHS[0] <= value <= WIDTHS[1]:
        raise click.BadParameter(f"expected a measure from {WIDTHS[0]:g} to {WIDTHS[1]:g} em, found {value:g}")
    return value


@cli.command()
@click.argument("text")
@click.option("--width", type=float, default=13, show_default=True, callback=_measure,
              help=f"Measure in em ({WIDTHS[0]:g}-{WIDTHS[1]:g}).")
@click.option("--indent/--no-indent", default=True, show_default=True, help="2-em first-line indent.")
def typeset(text: str, width: float, indent: bool) -> None:
    """Compose TEXT into lines of WIDTH em and show each line's adjustments."""
    from .typeset import preview

    click.echo(preview(text, width, indent=indent))


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def check(file: str) -> None:
    """Check a built EPUB (EPUBCheck) or PDF (print preflight); exit 1 on any finding."""
    from .check import run_check

    ok, lines = run_check(Path(file))
    for line in lines:
        click.echo(line)
    if not ok:
        sys.exit(1)


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="publish", standalone_mode=False)
    except click.exceptions.Abort:
        _say("aborted")
        sys.exit(1)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as error:   # usage errors are the user's, not ours
        error.show()
        sys.exit(1)
    except PublishError as error:
        problems = getattr(error, "problems", None)
        if problems:
            for problem in problems:
                click.echo(str(problem), err=True)
        else:
            _say(str(error))
        sys.exit(1)
    except KeyboardInterrupt:
        _say("interrupted")
        sys.exit(1)
    except OSError as error:
        from .outputs import disk_error
        full = disk_error(error, error.filename or "the output folder")
        if full is None:
            _internal(error)
        _say(str(full))
        sys.exit(1)
    except Exception as error:  # noqa: BLE001 - the last line of defence
        _internal(error)


def _internal(error: BaseException) -> None:
    _say(f"internal error: {type(error).__name__}: {error} (please report this)")
    if "--debug" in sys.argv or os.environ.get("PUBLISH_DEBUG"):
        traceback.print_exc()
    sys.exit(2)
