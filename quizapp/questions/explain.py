"""``--explain``: per sentence, which candidates were made and what became of each, and why."""

from __future__ import annotations

from quizapp.questions.model import GenerationReport, Outcome, Trace
from quizapp.wording import plural

MARKS = {Outcome.KEPT: "+", Outcome.DROPPED: "x", Outcome.RANKED_LOW: "-", Outcome.NOT_SELECTED: "~"}


def _line(trace: Trace) -> str:
    mark = MARKS[trace.outcome]
    score = f" {trace.score:.2f}" if trace.score is not None else ""
    what = f"[{trace.form}] {trace.text}" if trace.text else f'fact "{trace.answer}"'
    if trace.outcome is Outcome.KEPT:
        return f"  {mark} kept{score} {what}  -> {trace.answer}"
    return f"  {mark} {trace.outcome.value}{score} {what}  -> {trace.answer}\n      {trace.stage.value}:{trace.check}: {trace.reason}"


def format_report(report: GenerationReport, *, only_kept: bool = False) -> str:
    """The report as text: one block per sentence, in article order, then a summary per article."""
    out: list[str] = []
    by_source: dict[str, dict[int, list[Trace]]] = {}
    sentences: dict[tuple[str, int], str] = {}
    for trace in report.traces:
        if only_kept and trace.outcome is not Outcome.KEPT:
            continue
        by_source.setdefault(trace.source, {}).setdefault(trace.sentence_start, []).append(trace)
        sentences[(trace.source, trace.sentence_start)] = trace.sentence
    for source, by_sentence in by_source.items():
        out.append(f"== {source}")
        for start in sorted(by_sentence):
            out.append(f"\n@{start} {sentences[(source, start)]}")
            order = {Outcome.KEPT: 0, Outcome.NOT_SELECTED: 1, Outcome.RANKED_LOW: 2, Outcome.DROPPED: 3}
            for trace in sorted(by_sentence[start], key=lambda t: (order[t.outcome], -(t.score or 0))):
                out.append(_line(trace))
        out.append("")
    out.append(summary(report))
    return "\n".join(out)


def summary(report: GenerationReport) -> str:
    lines = []
    for source, words in report.words.items():
        kept = sum(1 for t in report.traces if t.source == source and t.outcome is Outcome.KEPT)
        line = f"{source}: {plural(kept, 'card')} of {report.targets.get(source, 0)} aimed at, {plural(words, 'word')}"
        if source in report.notes:
            line += f" ({report.notes[source]})"
        lines.append(line)
    return "\n".join(lines)
