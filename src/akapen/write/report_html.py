"""The HTML report: one self-contained page (inline CSS, no script, nothing fetched) a lawyer reads on a
laptop — the counts, the findings by severity with links to their article, and every article side by
side (model | draft) with the changed words marked."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Literal

from akapen.compared import Compared
from akapen.model import SEVERITIES, AlignStatus, Finding
from akapen.redline import Comparison, variant_message
from akapen.refs import article_ref

__all__ = ["build_html"]

_STATUS_JA: dict[AlignStatus, str] = {
    "matched": "対応",
    "moved": "移動",
    "added": "追加",
    "removed": "削除",
    "outside": "対象外",
}
_SEVERITY_JA = {"high": "高", "medium": "中", "low": "低", "info": "参考"}
SEVERITY_COLOURS = {"high": "#c62828", "medium": "#ef6c00", "low": "#757575", "info": "#1565c0"}
"""Badge colours (the screenshot test looks for the high one)."""

_CSS = """
body{font-family:"IPAexGothic","IPAGothic","Noto Sans CJK JP","Hiragino Sans","Yu Gothic",sans-serif;
 margin:0;background:#f5f5f5;color:#212121;line-height:1.7}
header{background:#b71c1c;color:#fff;padding:12px 24px}
header h1{margin:0;font-size:22px}header p{margin:4px 0 0;font-size:13px;opacity:.9}
main{max-width:1280px;margin:0 auto;padding:16px 24px}
section{background:#fff;border-radius:6px;box-shadow:0 1px 3px rgba(0,0,0,.15);margin:16px 0;padding:12px 20px}
h2{font-size:18px;border-bottom:2px solid #b71c1c;padding-bottom:4px}
.counts{display:flex;gap:12px;flex-wrap:wrap}
.count{border:1px solid #ddd;border-radius:4px;padding:6px 12px;font-size:14px}
.count b{font-size:20px;margin-right:4px}
.badge{display:inline-block;color:#fff;border-radius:3px;padding:0 8px;font-size:12px;font-weight:bold;
 margin-right:8px;min-width:2.5em;text-align:center}
ol.findings{padding-left:0;list-style:none}ol.findings li{margin:6px 0;font-size:14px}
ol.findings a{font-weight:bold;margin-right:6px}
article{border-top:1px solid #e0e0e0;padding:10px 0}
article h3{margin:4px 0;font-size:16px}article h3 .status{font-size:12px;color:#616161;margin-left:8px}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.cols div{font-size:14px;background:#fafafa;border:1px solid #eee;padding:6px 10px;white-space:pre-wrap}
.cols .label{font-size:12px;color:#757575;font-weight:bold;background:none;border:none;padding:0}
del{color:#c62828;background:#ffebee}ins{color:#1565c0;background:#e3f2fd;text-decoration:underline}
aside{font-size:13px;margin-top:6px}aside p{margin:3px 0}
"""


def build_html(comparison: Comparison, *, draft_name: str) -> str:
    """The report as one HTML document."""
    alignment, plan = comparison.alignment, comparison.plan
    statuses = Counter(p.status for p in alignment.articles)
    kinds = Counter(c.kind for c in plan.changes)
    severities = Counter(f.severity for f in comparison.findings)
    side = comparison.side or "指定なし（中立）"
    parts = [
        "<!doctype html>",
        '<html lang="ja"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>赤ペン：{escape(Path(draft_name).name)}</title><style>{_CSS}</style></head><body>",
        f"<header><h1>赤ペン レポート：{escape(Path(draft_name).name)}</h1>",
        f"<p>ひな形：{escape(comparison.baseline.title)}　／　当方の立場：{escape(side)}</p></header><main>",
        '<section id="summary"><h2>概要</h2><div class="counts">',
    ]
    parts += [
        f'<div class="count"><b>{statuses[s]}</b>条 {_STATUS_JA[s]}</div>' for s in _STATUS_JA if statuses[s]
    ]
    parts += [
        f'<div class="count"><b>{kinds["substantive"]}</b>実質的変更</div>',
        f'<div class="count"><b>{kinds["cosmetic"]}</b>表記ゆれ</div>',
        f'<div class="count"><b>{kinds["renumbering"]}</b>条番号</div>',
    ]
    parts += [f'<div class="count">{_badge(s)}<b>{severities[s]}</b>件</div>' for s in SEVERITIES]
    parts.append('</div></section><section id="findings"><h2>指摘事項</h2>')
    if comparison.findings:
        parts.append('<ol class="findings">')
        parts += [_finding_item(f, comparison) for f in comparison.findings]
        parts.append("</ol>")
    else:
        parts.append("<p>指摘事項はありません。</p>")
    parts.append('</section><section id="articles"><h2>条文対照</h2>')
    for entry, pair in enumerate(alignment.articles):
        if pair.status == "outside":
            continue
        model_ref, draft_ref = comparison.refs_of(entry)
        lines = comparison.lines_of(entry)
        title = " ← ".join(escape(r) for r in (draft_ref, model_ref) if r)
        parts.append(
            f'<article id="{_anchor(draft_ref or model_ref)}"><h3>{title}<span class="status">{_STATUS_JA[pair.status]}</span></h3>'
        )
        parts.append('<div class="cols"><div class="label">ひな形</div><div class="label">相手方案</div>')
        parts.append(f"<div>{_side(lines, 'model')}</div><div>{_side(lines, 'draft')}</div></div>")
        notes = []
        match = comparison.variant_of(entry)
        if match is not None:
            notes.append(f"<p>{escape(variant_message(match))}</p>")
        notes += [f"<p>{_badge(f.severity)}{escape(f.message)}</p>" for f in comparison.findings_of(entry)]
        if notes:
            parts.append(f"<aside>{''.join(notes)}</aside>")
        parts.append("</article>")
    parts.append("</section></main></body></html>")
    return "\n".join(parts)


def _badge(severity: str) -> str:
    return (
        f'<span class="badge" style="background:{SEVERITY_COLOURS[severity]}">{_SEVERITY_JA[severity]}</span>'
    )


def _finding_item(finding: Finding, comparison: Comparison) -> str:
    where = finding.draft or finding.baseline or ""
    target = _article_of(where, comparison)
    link = f'<a href="#{_anchor(target)}">{escape(where)}</a>' if target else escape(where)
    message = finding.message.split("】", 1)[-1]
    return f'<li class="sev-{finding.severity}">{_badge(finding.severity)}{link}{escape(message)}</li>'


def _article_of(ref: str, comparison: Comparison) -> str | None:
    """The article heading a ref belongs to, as the report's anchors name it."""
    candidates = [article_ref(a) for a in comparison.alignment.draft.articles]
    candidates += [article_ref(a) for a in comparison.alignment.model.articles]
    return max((c for c in candidates if ref == c or ref.startswith(c + "第")), key=len, default=None)


def _anchor(ref: str | None) -> str:
    return "a-" + "".join(ch if ch.isalnum() else "-" for ch in (ref or "none"))


_TAGS = {"deleted": "del", "inserted": "ins"}


def _side(lines: Sequence[Compared], side: Literal["model", "draft"]) -> str:
    paragraphs = []
    for line in lines:
        runs = line.runs(side)
        if runs:
            paragraphs.append(
                "".join(
                    escape(text) if mark == "plain" else f"<{_TAGS[mark]}>{escape(text)}</{_TAGS[mark]}>"
                    for text, mark in runs
                )
            )
    return "\n".join(paragraphs)
