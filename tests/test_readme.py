"""The README's example of the source format is a real issue: it reads and builds."""
import re

from PIL import Image

from support import REPO, run_cli


def test_the_readme_example_builds(tmp_path):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    toml = re.search(r"`issue.toml`:\n\n```toml\n(.*?)```", readme, re.S).group(1)
    article = re.search(r"printed as written\):\n\n```\n(.*?)```", readme, re.S).group(1)
    issue = tmp_path / "issue"
    (issue / "articles").mkdir(parents=True)
    (issue / "images").mkdir()
    (issue / "issue.toml").write_text(toml, encoding="utf-8")
    (issue / "articles" / "p1-01.md").write_text(article, encoding="utf-8")
    Image.new("RGB", (1600, 1000), (90, 120, 160)).save(issue / "images" / "photo.jpg")
    result = run_cli("build", issue, "-o", tmp_path / "out", "--format", "all")
    assert result.code == 0, result.err
    # EPUB, PDF, report, and the digital edition's folder.
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == ["", ".epub", ".json", ".pdf"]
    assert next(p for p in (tmp_path / "out").iterdir() if p.is_dir()).joinpath("index.html").is_file()
