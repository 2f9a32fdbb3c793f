#!/usr/bin/env bash
# Checks the reports tst_report wrote to $STRATA_REPORT_OUT: every JSON report validates against
# docs/report.schema.json (python3-jsonschema), and every PDF renders with pdftoppm
# (poppler-utils) to as many non-empty pages as pdfinfo says, more than one; the long report
# to at least five.
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
  (( pages > 1 )) || fail "$pdf: $pages page(s), expected a title page and more"
  name=$(basename "$pdf" .pdf)
  pdftoppm -r 30 -png "$pdf" "$render/$name" || fail "$pdf: pdftoppm failed"
  rendered=$(find "$render" -name "$name-*.png" -size +1k | wc -l)
  (( rendered == pages )) || fail "$pdf: rendered $rendered of $pages pages"
  [[ $name != long ]] || (( pages >= 5 )) || fail "$pdf: the long report has only $pages pages"
  echo "$name.pdf: $pages pages rendered"
done
