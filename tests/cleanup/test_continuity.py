"""The signs that a text goes on a cut sentence, read on the example's page 1."""
from __future__ import annotations

from publish.cleanup.continuity import Openings, list_middle, word_across
from publish.cleanup.text import lean, pair_counts


def test_a_word_cut_in_two_crosses_the_join():
    assert word_across("实际利", "用外资约6.6亿元")          # 利用
    assert word_across("推动全", "面回暖")                  # 全面
    assert not word_across("民意处理、参与式", "共青团和青联委员工作室")
    assert not word_across("本报讯（记者林彬）", "近日，")      # punctuation meets


def test_a_list_item_is_the_middle_of_a_sentence():
    assert list_middle("预算、代表建议、e线知政")
    assert list_middle("特色鲜明、作用明显的要求")
    assert not list_middle("一、深挖彻查")                    # a numbered heading opens
    assert not list_middle("当前，云展会、云对接")


def test_openings_follow_the_page(example_issue):
    page = "\n".join(t for a in example_issue.pages[0].articles for t in a.texts())
    openings = Openings(page)
    # 会议强调 opens four paragraphs of the page; 的 opens nothing
    assert openings.opening("会议强调，要突出保安全") > 0.3
    assert openings.opening("的载体和方式，将打造") == 0.0
    assert openings.opening("预算、代表建议") == 0.0


def test_seen_pairs_only_spare_a_story_known_by_its_headline():
    story = pair_counts("全省疫情防控工作会议召开。会议强调，要关口前移防重症，坚持早发现、早识别、早干预。")
    headline = pair_counts("把握定位筑基础 搭建委员大平台")
    text = "会议强调，各地党委和政府要担负起疫情防控主体责任，齐心协力把各项工作做细做实。"
    assert lean(text, story, headline, seen=True) > 0
    # unseen pairs favour the story with fewer pairs: the bias `seen` removes
    assert lean(text, story, headline, seen=True) > lean(text, story, headline)
