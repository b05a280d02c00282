"""The focal point's round trip, with real spreadsheet programs.

pan writes the template (.xlsx and .ods); openpyxl (how Python tools read and write
Excel files) and LibreOffice Calc (headless) open it, check what a person would see
(sheets, headers, which cells accept what, text formats), fill it in and save it as
.xlsx and .ods; pan reads each back and must record exactly what was typed.

Usage: python3 tests/clients/sheets.py PAN [--fixtures DIR]
  --fixtures DIR  also keep the filled workbooks in DIR (the ones tests/sheets.rs reads)
"""

import csv
import datetime
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLAN = os.path.join(ROOT, "tests", "fixtures", "sheets")
TODAY = "2026-11-30"

passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok - {name}")
    else:
        failed += 1
        print(f"FAILED - {name}\n{detail}")


class Repo:
    """A copy of the fixture plan, and pan run in it."""

    def __init__(self, pan, work):
        self.pan = pan
        self.root = os.path.join(work, "repo")
        shutil.copytree(PLAN, self.root)

    def run(self, *args):
        env = dict(os.environ, PAN_TODAY=TODAY, NO_COLOR="1")
        env.pop("PAN_ROOT", None)
        return subprocess.run(
            [self.pan, "--root", self.root, *args],
            capture_output=True,
            text=True,
            env=env,
        )

    def readings_digest(self):
        h = hashlib.sha256()
        for dirpath, _, files in sorted(os.walk(os.path.join(self.root, "indicators"))):
            # The lock file (.pan.lock) is not a reading.
            for f in sorted(x for x in files if not x.startswith(".")):
                with open(os.path.join(dirpath, f), "rb") as fh:
                    h.update(f.encode() + fh.read())
        return h.hexdigest()


class Calc:
    """LibreOffice Calc, headless, with a profile of its own."""

    def __init__(self, work):
        self.profile = "file://" + os.path.join(work, "lo-profile")
        self.work = work

    def convert(self, path, to, outdir):
        os.makedirs(outdir, exist_ok=True)
        r = subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={self.profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                to,
                "--outdir",
                outdir,
                path,
            ],
            capture_output=True,
            text=True,
            timeout=180,
        )
        stem = os.path.splitext(os.path.basename(path))[0]
        ext = to.split(":")[0]
        out = os.path.join(outdir, f"{stem}.{ext}")
        if r.returncode != 0 or not os.path.exists(out):
            raise RuntimeError(f"LibreOffice could not convert {path} to {to}:\n{r.stdout}\n{r.stderr}")
        return out


def template_rows(repo, work):
    """(code, indicator, label) of every row of pan's CSV template."""
    path = os.path.join(work, "t.csv")
    r = repo.run("reading", "template", "-o", path)
    assert r.returncode == 0, r.stderr
    with open(path, newline="", encoding="utf-8") as f:
        return [(row["code"], row["indicator"], row["label"]) for row in csv.DictReader(f)]


def sheet_rows(path):
    """The first sheet of a CSV LibreOffice exported: (code, indicator, label)."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return [tuple(r[:3]) for r in rows[1:] if any(r)]


# What each kind's value cells must accept, as openpyxl reads a data validation.
EXPECTED_RULES = {
    "count": ("whole", "greaterThanOrEqual", "0", None),
    "percent": ("decimal", "between", "0", "100"),
    "number": ("decimal", "between", "-1E+15", "1E+15"),
    "deliverable": ("list", None, '"done"', None),
    "qualitative": (None, None, None, None),
}

KIND_OF = {
    "seances": "count",
    "participants": "count",
    "satisfaction": "percent",
    "duree-moyenne": "number",
    "rapport": "deliverable",
    "retours": "qualitative",
}


def same_number(got, want):
    """A rule's bound as written (`0`, `"done"`, `1E+15` or `1000000000000000`)."""
    try:
        return float(got) == float(want)
    except (TypeError, ValueError):
        return str(got) == want


def rule_of(ws, cell):
    for dv in ws.data_validations.dataValidation:
        if cell in dv.sqref:
            return dv
    return None


def check_workbook(name, path, lang="fr"):
    """What a person sees in a template, read by openpyxl."""
    wb = openpyxl.load_workbook(path)
    sheet, help_sheet = ("Relevés", "Mode d'emploi") if lang == "fr" else ("Readings", "How to fill in")
    states = [(ws.title, ws.sheet_state) for ws in wb.worksheets]
    check(
        f"{name}: readings first, then the instructions, then pan's stamp, hidden",
        wb.sheetnames == [sheet, help_sheet, "pan"]
        and states[0][1] == states[1][1] == "visible"
        and states[2][1] in ("hidden", "veryHidden"),
        states,
    )
    ws = wb[sheet]
    check(
        f"{name}: the readings sheet is protected, without a password",
        ws.protection.sheet and not ws.protection.password,
        (ws.protection.sheet, ws.protection.password),
    )
    wrong = [
        f"{col}{row}"
        for row in range(2, ws.max_row + 1)
        for col in "ABCDEFGHIJK"
        if ws[f"{col}{row}"].protection.locked != (col not in "DEFG")
    ]
    check(f"{name}: only period, value, source and note are open", not wrong, wrong)
    header = [c.value for c in ws[1]][:7]
    want = (
        ["Code", "Indicateur", "Libellé de l'indicateur", "Période", "Valeur", "Source", "Note"]
        if lang == "fr"
        else ["Code", "Indicator", "Indicator label", "Period", "Value", "Source", "Note"]
    )
    check(f"{name}: headers in the language asked for", header == want, header)
    problems = []
    for row in range(2, ws.max_row + 1):
        indicator = ws.cell(row, 2).value
        kind = KIND_OF.get(indicator)
        if kind is None:
            continue
        dv = rule_of(ws, f"E{row}")
        want_type, want_op, want_f1, want_f2 = EXPECTED_RULES[kind]
        got = (dv.type if dv else None, dv.operator if dv else None, dv.formula1 if dv else None)
        if dv is None or dv.promptTitle is None:
            problems.append(f"E{row} ({indicator}): no rule with a prompt")
            continue
        if got[0] != want_type:
            problems.append(f"E{row} ({indicator}): type {got[0]}, want {want_type}")
        # "between" is the default operator: openpyxl reads it as None.
        if want_op and (got[1] or "between") != want_op:
            problems.append(f"E{row} ({indicator}): operator {got[1]}, want {want_op}")
        if want_f1 is not None and not same_number(got[2], want_f1):
            problems.append(f"E{row} ({indicator}): formula {got[2]}, want {want_f1}")
        if want_f2 is not None and not same_number(dv.formula2, want_f2):
            problems.append(f"E{row} ({indicator}): formula2 {dv.formula2}, want {want_f2}")
        for col in "DFG":
            if ws[f"{col}{row}"].number_format != "@":
                problems.append(f"{col}{row}: format {ws[f'{col}{row}'].number_format}, want text")
            if rule_of(ws, f"{col}{row}") is None:
                problems.append(f"{col}{row}: no prompt")
    check(f"{name}: each value cell accepts its kind; period, source, note are text with a prompt", not problems, "\n".join(problems))
    return wb


def fill(template, out, bad=False):
    """Fill a template as a focal point would, in openpyxl, and save it."""
    wb = openpyxl.load_workbook(template)
    ws = wb.worksheets[0]
    rows = {ws.cell(r, 2).value: r for r in range(2, ws.max_row + 1)}

    def put(indicator, period, value, source, note=None, row=None, fmt_period=None, fmt_value=None):
        r = row or rows[indicator]
        ws.cell(r, 4).value = period
        if fmt_period:
            ws.cell(r, 4).number_format = fmt_period
        ws.cell(r, 5).value = value
        if fmt_value:
            ws.cell(r, 5).number_format = fmt_value
        ws.cell(r, 6).value = source
        if note is not None:
            ws.cell(r, 7).value = note

    if bad:
        put("seances", "2025", -5, "Rapport 2025")
        put("participants", "2025-Q5", 34, "Registre")
        put("satisfaction", "2025", 120, "Enquête")
        put("rapport", "2025", "done", None)
    else:
        put("seances", "2025", 12, "Rapport 2025")
        put("participants", "2025-Q3", 34, "Registre des présences", note="Trois séances")
        # A second period of the same indicator: the row copied below.
        extra = ws.max_row + 1
        for c in range(1, ws.max_column + 1):
            ws.cell(extra, c).value = ws.cell(rows["participants"], c).value
        put("participants", "2025-Q4", 41, "Registre des présences", row=extra)
        # 87,5 % typed in a cell formatted as a percentage holds 0.875.
        put("satisfaction", "2025", 0.875, "Enquête 2025", fmt_value="0.0%")
        # Periods typed as dates: a month shown as a month, a day as a day.
        put("duree-moyenne", datetime.datetime(2025, 9, 1), 3.5, "Catalogue", fmt_period="mmm yyyy")
        put("rapport", datetime.datetime(2025, 12, 15), "done", "Site du ministère", fmt_period="yyyy-mm-dd")
        put("retours", "2025", "Très bons retours ; demande de sessions le soir", "Questionnaires")
    wb.save(out)
    return out


EXPECTED = sorted(
    [
        "would record IN-B-11.02 seances 2025 = 12 · source: Rapport 2025",
        "would record IN-B-11.02 participants 2025-Q3 = 34 · source: Registre des présences",
        "would record IN-B-11.02 participants 2025-Q4 = 41 · source: Registre des présences",
        "would record IN-B-11.03 satisfaction 2025 = 87.5 · source: Enquête 2025",
        "would record IN-B-11.03 duree-moyenne 2025-09 = 3.5 · source: Catalogue",
        "would record IN-B-11.03 rapport 2025-12-15 = done · source: Site du ministère",
        "would record IN-B-11.03 retours 2025 = Très bons retours ; demande de sessions le soir · source: Questionnaires",
    ]
)


def check_import(repo, name, path):
    r = repo.run("reading", "import", path, "--dry-run")
    got = sorted(l for l in r.stdout.splitlines() if l.startswith("would record"))
    check(
        f"{name}: pan reads back exactly what was typed",
        r.returncode == 0 and got == EXPECTED,
        f"exit {r.returncode}\n{r.stdout}\n{r.stderr}\nwant:\n" + "\n".join(EXPECTED),
    )


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    pan = os.path.abspath(sys.argv[1])
    fixtures = None
    if "--fixtures" in sys.argv:
        fixtures = os.path.abspath(sys.argv[sys.argv.index("--fixtures") + 1])
    work = tempfile.mkdtemp(prefix="pan-sheets-")
    try:
        run(pan, work, fixtures)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


def run(pan, work, fixtures):
    repo = Repo(pan, work)
    calc = Calc(work)
    xlsx = os.path.join(work, "t.xlsx")
    ods = os.path.join(work, "t.ods")
    for path in (xlsx, ods):
        r = repo.run("reading", "template", "-o", path)
        check(f"pan writes {os.path.basename(path)}", r.returncode == 0, r.stderr)
    r = repo.run("reading", "template", "--lang", "en", "-o", os.path.join(work, "en.xlsx"))
    check("pan writes the English workbook", r.returncode == 0, r.stderr)

    # What a person sees.
    check_workbook("openpyxl reads pan's .xlsx", xlsx)
    check_workbook("openpyxl reads pan's English .xlsx", os.path.join(work, "en.xlsx"), lang="en")
    ods_as_xlsx = calc.convert(ods, "xlsx", os.path.join(work, "from-ods"))
    check_workbook("LibreOffice reads pan's .ods (validations, formats) and saves it as .xlsx", ods_as_xlsx)
    want = template_rows(repo, work)
    for path in (xlsx, ods):
        got = sheet_rows(calc.convert(path, 'csv:Text - txt - csv (StarCalc):44,34,76,1', os.path.join(work, "csv-" + os.path.basename(path))))
        check(f"LibreOffice shows every row of pan's {os.path.basename(path)}", got == want, f"got {got}\nwant {want}")

    # An untouched template imports nothing.
    for path in (xlsx, ods):
        r = repo.run("reading", "import", path, "--dry-run")
        check(f"an untouched {os.path.basename(path)} records nothing", r.returncode == 0 and "0 readings checked" in r.stdout, r.stdout + r.stderr)

    # Filled in, saved by each program, read back.
    filled = fill(xlsx, os.path.join(work, "filled-openpyxl.xlsx"))
    check_import(repo, "filled in openpyxl (.xlsx)", filled)
    lo_ods = calc.convert(filled, "ods", os.path.join(work, "lo"))
    check_import(repo, "saved by LibreOffice as .ods", lo_ods)
    lo_xlsx = calc.convert(lo_ods, "xlsx", os.path.join(work, "lo-xlsx"))
    check_import(repo, "saved by LibreOffice as .xlsx", lo_xlsx)
    from_ods = fill(ods_as_xlsx, os.path.join(work, "filled-from-ods.xlsx"))
    check_import(repo, "pan's .ods, through LibreOffice, filled in", from_ods)

    # Refused cells are named, and nothing is written.
    bad = fill(xlsx, os.path.join(work, "bad.xlsx"), bad=True)
    bad_ods = calc.convert(bad, "ods", os.path.join(work, "bad"))
    before = repo.readings_digest()
    for path in (bad, bad_ods):
        r = repo.run("reading", "import", path)
        name = os.path.basename(path)
        for cell in ("cell E2", "cell D3", "cell E4", "cell F6"):
            check(f"{name}: the refusal names {cell}", r.returncode == 1 and f"sheet Relevés, {cell}:" in r.stderr, r.stderr)
    check("nothing is written when a cell is refused", repo.readings_digest() == before)

    # The stamp survives each program: the import knows the template it reads.
    for path in (filled, lo_ods, lo_xlsx):
        report = os.path.join(work, os.path.basename(path) + ".md")
        r = repo.run("reading", "import", path, "--dry-run", "--report", report)
        with open(report, encoding="utf-8") as fh:
            text = fh.read()
        check(
            f"{os.path.basename(path)}: the import recognises pan's template",
            r.returncode == 0 and "Template made by pan from the plan" in text,
            r.stderr + text,
        )

    # The status workbook a ministry asks for opens in LibreOffice with every action.
    status = os.path.join(work, "plan.xlsx")
    r = repo.run("export", "--format", "xlsx", "-o", status)
    check("pan writes the status workbook", r.returncode == 0, r.stderr)
    wb = openpyxl.load_workbook(status)
    actions = wb.worksheets[0]
    check(
        "openpyxl reads the status workbook: actions, readings, about; filters and frozen headers",
        wb.sheetnames == ["Actions", "Relevés", "À propos"]
        and actions.auto_filter.ref == f"A1:K{actions.max_row}"
        and actions.freeze_panes is not None,
        (wb.sheetnames, actions.auto_filter.ref, actions.freeze_panes),
    )
    r = repo.run("status", "--format", "json")
    codes = sorted(a["code"] for a in json.loads(r.stdout)["rows"])
    shown = sheet_rows(calc.convert(status, 'csv:Text - txt - csv (StarCalc):44,34,76,1', os.path.join(work, "status-csv")))
    check("LibreOffice shows every action of the status workbook", sorted(row[0] for row in shown) == codes, f"{shown}\n{codes}")

    # The drafts of `pan due`: each ministry's workbook of what it owes opens in
    # LibreOffice with one row per figure owed.
    drafts = os.path.join(work, "drafts")
    r = repo.run("due", "--drafts", drafts, "--format", "json")
    check("pan due writes its drafts", r.returncode == 0, r.stderr)
    owed = {}
    if r.returncode == 0:
        for m in json.loads(r.stdout)["ministries"]:
            if m["ministry"] and m["owed"]:
                owed[m["ministry"]] = [(o["action"], o["indicator"], o["label"]) for o in m["owed"]]
    books = sorted(f for f in os.listdir(drafts) if f.endswith(".xlsx")) if os.path.isdir(drafts) else []
    check(
        "a drafts workbook per ministry owing figures",
        books and books == sorted(f"{m}.xlsx" for m in owed),
        (books, sorted(owed)),
    )
    for book in books:
        shown = sheet_rows(calc.convert(os.path.join(drafts, book), 'csv:Text - txt - csv (StarCalc):44,34,76,1', os.path.join(work, "csv-drafts-" + book)))
        want = owed.get(book[: -len(".xlsx")])
        check(f"LibreOffice shows every row of the drafts' {book}", shown == want, f"got {shown}\nwant {want}")

    # The real import, then the plan still validates.
    r = repo.run("reading", "import", lo_ods)
    check("LibreOffice's .ods is imported", r.returncode == 0 and "7 readings recorded" in r.stdout, r.stdout + r.stderr)
    r = repo.run("validate", "--format", "json")
    check("the plan validates after the import", r.returncode == 0, r.stdout + r.stderr)

    if fixtures:
        os.makedirs(fixtures, exist_ok=True)
        for src, dest in (
            (filled, "filled-openpyxl.xlsx"),
            (lo_ods, "filled-libreoffice.ods"),
            (lo_xlsx, "filled-libreoffice.xlsx"),
            (bad_ods, "refused-libreoffice.ods"),
        ):
            shutil.copy(src, os.path.join(fixtures, dest))
        print(f"kept the filled workbooks in {fixtures}")


if __name__ == "__main__":
    main()
