"""Benchmark for PDF input (#13): reading a 30-page text PDF, and a redline whose draft is a PDF against
the same redline with the Word draft it was printed from.

    python bench/pdf.py [--repeat N] [--src DIR]

Needs LibreOffice (``soffice``) to print the bench's Word drafts (bench/cases.py) to PDF. Measured:

- *read 30 pages*: ``akapen.read.read_source`` of the 100-article draft printed to PDF (over 30 pages),
  in one process, after one warm-up read (median of ``--repeat`` reads; PDFium loaded once, as it is in
  any command that reads a PDF);
- *outline 30 pages*: ``akapen outline`` of that PDF, whole process;
- *redline 27 articles*: ``akapen redline DRAFT --baseline model.docx`` with DRAFT the 27-article draft
  as .docx and as .pdf, interleaved rounds (bench/run.py's method), and the ratio of the two.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import DATE, HERE, Tool, environment, interleaved, machine, median, ratio

from cases import build

_READ = """
import statistics, sys, time
from akapen.read import read_source
path, repeat = sys.argv[1], int(sys.argv[2])
source = read_source(path)
times = []
for _ in range(repeat):
    start = time.perf_counter()
    read_source(path)
    times.append(time.perf_counter() - start)
print(len(source.blocks), statistics.median(times))
"""


def to_pdf(docx: Path, folder: Path) -> Path:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return folder / (docx.stem + ".pdf")


def pages(pdf: Path, env: dict[str, str]) -> int:
    code = "import sys, pypdfium2; print(len(pypdfium2.PdfDocument(sys.argv[1])))"
    return int(
        subprocess.run(
            [sys.executable, "-c", code, str(pdf)], env=env, capture_output=True, text=True, check=True
        ).stdout
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds (default 5)")
    parser.add_argument("--src", type=Path, default=HERE.parent / "src", help="akapen source to measure")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="akapen-bench-pdf-") as tmp:
        work = Path(tmp)
        env = environment(args.src.resolve(), work / "pycache")
        cases = build(work / "cases")
        long_pdf = to_pdf(cases["100"].draft, work / "pdf100")
        short_pdf = to_pdf(cases["27"].draft, work / "pdf27")
        read = subprocess.run(
            [sys.executable, "-c", _READ, str(long_pdf), str(args.repeat)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        akapen = [sys.executable, "-m", "akapen"]
        outline = interleaved({"outline": Tool([*akapen, "outline", str(long_pdf)], env)}, args.repeat)
        model = str(cases["27"].model)

        def redline(draft: Path) -> Tool:
            out = work / f"{draft.suffix[1:]}.redline.docx"
            return Tool(
                [*akapen, "redline", str(draft), "--baseline", model, "-o", str(out), "--date", DATE],
                env,
            )

        runs = interleaved({"docx": redline(cases["27"].draft), "pdf": redline(short_pdf)}, args.repeat)
        print(machine())
        print(
            f"read {pages(long_pdf, env)} pages ({read[0]} paragraphs): {float(read[1]):.3f} s (target ≤ 1 s)"
        )
        print(f"outline {pages(long_pdf, env)} pages, whole process: {median(outline['outline']):.3f} s")
        print(
            f"redline 27 articles: docx {median(runs['docx']):.3f} s, pdf ({pages(short_pdf, env)} pages) "
            f"{median(runs['pdf']):.3f} s, pdf/docx {ratio(runs['pdf'], runs['docx']):.2f}× (target ≤ 1.5×)"
        )
        print(f"(medians of {args.repeat} rounds)")


if __name__ == "__main__":
    main()
