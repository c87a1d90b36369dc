"""The mention layer on the shapes real news pages have: names after title
chains that no cue word closes, national titles, aides' posts, bylines and
document years. Every name here is invented."""

from __future__ import annotations

import pytest

from tests.test_extract_precision import ZH, _has, _statements

CASES = {
    "a name closed by a verb no cue list has": (
        ZH + "中共中央总书记、国家主席、中央军委主席林振宇发来贺词。",
        [{"rel": "holds_role", "person": "林振宇", "role": "总书记", "org": "中共中央"},
         {"rel": "holds_role", "person": "林振宇", "role": "主席", "org": "中央军委"}],
        [{"person": "林振宇发"}]),
    "a head of state's title names the country, not the party": (
        ZH + "中共中央总书记、国家主席林振宇发来贺词。",
        [{"rel": "holds_role", "person": "林振宇", "role": "国家主席", "org": "中国"}],
        [{"role": "国家主席", "org": "中共中央"}]),
    "a surname the segmenter leaves alone joins its given name": (
        ZH + "北辰科学院院士郑明远发来贺信。",
        [{"rel": "holds_role", "person": "郑明远", "role": "院士", "org": "北辰科学院"}],
        [{"person": "郑明"}]),
    "a common word after a title is no given name": (
        ZH + "星河集团代表和历届获奖企业代表出席。",
        [],
        [{"rel": "holds_role", "person": "和历届"}]),
    "an aide's post keeps the post it serves": (
        ZH + "瓦伦提亚总统助理阿尔多·维兰致辞。",
        [{"rel": "holds_role", "person": "阿尔多·维兰", "role": "总统助理", "org": "瓦伦提亚"}],
        [{"person": "助理阿尔多·维兰"}]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_mentions(tmp_path, case):
    text, expected, forbidden = CASES[case]
    rows = _statements(tmp_path, text)
    for fields in expected:
        assert _has(rows, fields), rows
    for fields in forbidden:
        assert not _has(rows, fields), rows
