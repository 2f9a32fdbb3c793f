#!/usr/bin/env bash
# Checks the reports tst_report wrote to $STRATA_REPORT_OUT: every JSON report validates against
# docs/report.schema.json (python3-jsonschema), and every PDF renders with pdftoppm
# (poppler-utils) to as many non-empty pages as pdfinfo says; the long report to at least five;
# and no page but the last is left mostly empty (its text must reach below half of the page:
# a short report is not a title page and a page per section).
set -euo pipefail
out=${STRATA_REPORT_OUT:?run after tst_report, with STRATA_REPORT_OUT set}
schema=${STRATA_SOURCE_DIR:?}/docs/report.schema.json
fail() { echo "FAIL: $*" >&2; exit 1; }

shopt -s nullglob
jsons=("$out"/*.json)
pdfs=("$out"/*.pdf)
(( ${#jsons[@]} >= 7 )) || fail "expected the JSON reports of tst_report in $out, found ${#jsons[@]}"
(( ${#pdfs[@]} >= 8 )) || fail "expected the PDF reports of tst_report in $out, found ${#pdfs[@]}"

python3 - "$schema" "${jsons[@]}" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
bad = 0
for path in sys.argv[2:]:
    for error in validator.iter_errors(json.load(open(path))):
        print(f"FAIL: {path}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
        bad += 1
# The schema must be able to say no: a report with a wrong type and a missing key is rejected.
doc = json.load(open(sys.argv[2]))
doc["format_version"] = "1"
del doc["kinds"]
if validator.is_valid(doc):
    print("FAIL: the schema accepts a broken report"); bad += 1
print(f"{len(sys.argv) - 2} JSON reports checked against the schema")
sys.exit(1 if bad else 0)
PY

render=$(mktemp -d)
trap 'rm -rf "$render"' EXIT
for pdf in "${pdfs[@]}"; do
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  [[ -n "$pages" ]] || fail "$pdf: pdfinfo cannot read it"
  (( pages >= 1 )) || fail "$pdf: no pages"
  name=$(basename "$pdf" .pdf)
  pdftoppm -r 30 -png "$pdf" "$render/$name" || fail "$pdf: pdftoppm failed"
  rendered=$(find "$render" -name "$name-*.png" -size +1k | wc -l)
  (( rendered == pages )) || fail "$pdf: rendered $rendered of $pages pages"
  [[ $name != long ]] || (( pages >= 5 )) || fail "$pdf: the long report has only $pages pages"
  pdftoppm -r 20 -gray "$pdf" "$render/$name-ink" || fail "$pdf: pdftoppm -gray failed"
  python3 - "$pdf" "$render/$name-ink"-*.pgm <<'PY' || fail "$pdf: a page before the last is mostly empty"
import sys
# The lowest row with ink above the footer (the bottom tenth), as a fraction of the page height.
def reach(path):
    data = open(path, 'rb').read()
    parts = data.split(maxsplit=4)  # P5, width, height, maxval, pixels
    w, h = int(parts[1]), int(parts[2])
    pixels = parts[4]
    body = int(h * 0.9)
    for y in range(body - 1, -1, -1):
        if min(pixels[y * w:(y + 1) * w]) < 160:
            return y / h
    return 0.0
pages = sorted(sys.argv[2:], key=lambda p: int(p.rsplit('-', 1)[1].split('.')[0]))
bad = [(i + 1, round(reach(p), 2)) for i, p in enumerate(pages[:-1]) if reach(p) < 0.5]
for page, r in bad:
    print(f"FAIL: {sys.argv[1]}: page {page} ends at {r:.0%} of its height")
sys.exit(1 if bad else 0)
PY
  echo "$name.pdf: $pages pages rendered"
done
