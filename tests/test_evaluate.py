"""The scorer and `kg eval` on the seed gold and on our own test articles."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from kg.api import evaluate_folder
from kg.cli import app
from kg.evaluate import evaluate

from .conftest import ROOT, SEEDS

ARTICLES = ROOT / "tests" / "articles"


def _row(**fields):
    return {"doc": "x.txt", **fields}


def test_scorer_normalises_and_accepts_alternatives():
    gold = [_row(rel="holds_role", person="雷军", role="首席执行官|CEO", org="小米集团|小米")]
    predicted = [_row(rel="holds_role", person="雷 军", role="ceo", org="《小米》")]
    assert evaluate(predicted, gold).micro.f1 == 1.0


def test_scorer_matches_one_to_one_and_counts_duplicates_once():
    gold = [_row(rel="holds_role", person="甲", role="董事长", org="阿里巴巴|阿里巴巴集团")]
    predicted = [_row(rel="holds_role", person="甲", role="董事长", org="阿里巴巴"),
                 _row(rel="holds_role", person="甲", role="董事长", org="阿里巴巴集团"),
                 {**_row(rel="holds_role", person="甲", role="董事长", org="阿里巴巴"), "doc": "y.txt"}]
    score = evaluate(predicted, gold).micro
    assert (score.matched, score.predicted, score.gold) == (1, 2, 1)


def test_null_matches_only_null():
    gold = [_row(rel="publishes", work="某报告", publisher=None, year="2019|null")]
    assert evaluate([_row(rel="publishes", work="某报告", publisher=None, year=None)], gold).micro.f1 == 1.0
    assert evaluate([_row(rel="publishes", work="某报告", publisher="某社", year=None)], gold).micro.f1 == 0.0


def test_seed_target_is_met():
    evaluation = evaluate_folder(ROOT / "tests" / "seeds_gold.jsonl", SEEDS)
    assert evaluation.micro.f1 >= 0.95, evaluation.as_json()
    for score in evaluation.scores:
        assert score.f1 >= 0.90, (score.relation, evaluation.as_json())


def test_own_articles_target_is_met():
    evaluation = evaluate_folder(ARTICLES / "gold.jsonl", ARTICLES)
    assert evaluation.micro.f1 >= 0.85, evaluation.as_json()["relations"]


def test_eval_command_prints_json_the_build_agrees_with(tmp_path):
    result = CliRunner().invoke(app, ["eval", "--gold", str(ROOT / "tests" / "seeds_gold.jsonl"),
                                      "--docs", str(SEEDS), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert {r["relation"] for r in report["relations"]} == {
        "holds_role", "speaks_at", "summit_theme", "summit_held", "award_project", "publishes"}
    built = CliRunner().invoke(app, ["build", "--no-curated", "--seeds", str(SEEDS), "--out", str(tmp_path / "o")])
    assert built.exit_code == 0, built.output
    predicted = [json.loads(line) for line in (tmp_path / "o" / "relations.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(predicted) == report["micro"]["predicted"]


def test_eval_reports_a_malformed_gold_file_by_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"rel": "holds_role", "doc": "a", "person": "x", "role": "y", "org": "z"}\n{oops\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "--gold", str(gold), "--docs", str(SEEDS)])
    assert result.exit_code == 2
    assert f"{gold}:2: not JSON" in result.output


def test_a_list_where_a_name_belongs_scores_as_text():
    """normalise_value is memoised on text, so a list in a tuple file is compared as its text, not a crash."""
    gold = [_row(rel="publishes", work="某报告", publisher="X", year="2019")]
    predicted = [_row(rel="publishes", work="某报告", publisher=["X", "Y"], year=2019)]
    assert evaluate(predicted, gold).micro.f1 == 0.0
